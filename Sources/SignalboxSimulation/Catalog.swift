import SignalboxCore

/// The fixed vocabulary the generator draws names, roles and codes from.
enum Catalog {
    static let customerStems = [
        "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Adatum", "Litware", "Proseware",
        "Lucerne", "Fourth Coffee", "Blue Yonder", "Alpine Ski", "Coho Vineyard", "Margie's Travel",
        "Trey Research", "Humongous", "Wide World", "Woodgrove", "Relecloud", "Graphic Design Institute",
    ]
    static let customerSuffixes = ["Traders", "Logistics", "Health", "Energy", "Bank", "Retail", "Media", "Labs", "Foods", "Airlines"]
    static let legalSuffixes = ["Ltd", "GmbH", "Inc", "S.A.", "LLC", "B.V."]
    static let legalEntities = ["Signal Consulting Inc", "Signal Consulting GmbH", "Signal Consulting Ltd"]
    static let currencies = ["USD", "EUR", "GBP"]

    /// Roles with their base daily-market hourly rate (whole currency units, so amounts stay exact to the cent).
    static let roles: [(name: String, rate: Int64)] = [
        ("Partner", 420), ("Principal Consultant", 310), ("Senior Consultant", 225), ("Consultant", 165),
        ("Analyst", 120), ("Architect", 280), ("Project Manager", 190),
    ]
    static let firstNames = ["ana", "ben", "chen", "dara", "eli", "fatima", "gus", "hana", "ivan", "jo", "kemal", "lea", "mo", "nora", "omar", "priya"]
    static let lastNames = ["lima", "okafor", "wei", "singh", "novak", "haddad", "berg", "sato", "petrov", "ruiz", "yilmaz", "moreau"]

    static let middlewareActor = "middleware"

    static let provisioningFailures: [(code: String, message: String)] = [
        ("PSA_TIMEOUT", "PSA did not answer within 30 s"),
        ("TEMPLATE_NOT_FOUND", "project template for the billing model is missing in PSA"),
        ("OWNER_UNKNOWN", "engagement owner is not a PSA user"),
        ("RATE_CARD_REJECTED", "PSA rejected a rate card role"),
    ]
    static let schemaViolations = [
        "BILLING payload lacks required field invoice_date",
        "HCM payload has cost_center as a number, expected a string",
        "CRM payload has an unparseable close_date",
        "ERP webhook body is not valid UTF-8",
    ]
    static let missingMasterData = [
        "customer has no tax id in ERP", "legal entity has no bank account for the currency",
        "customer has no billing address in ERP",
    ]
}
