// The `data` of billable work and its money: approved time, accepted milestones, invoices and payments.

/// `time.approved`
public struct TimeApproved: Hashable, Sendable {
    public var timeEntryID: String
    public var contractID: String
    public var projectID: String
    public var resource: String
    public var role: String
    public var workDate: CivilDate
    public var hours: ExactDecimal
    public var rate: ExactDecimal
    public var amount: ExactDecimal
    public var currency: String

    public init(timeEntryID: String, contractID: String, projectID: String, resource: String, role: String,
                workDate: CivilDate, hours: ExactDecimal, rate: ExactDecimal, amount: ExactDecimal, currency: String) {
        self.timeEntryID = timeEntryID
        self.contractID = contractID
        self.projectID = projectID
        self.resource = resource
        self.role = role
        self.workDate = workDate
        self.hours = hours
        self.rate = rate
        self.amount = amount
        self.currency = currency
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(
            timeEntryID: try r.identifier("time_entry_id", maxLength: 128), contractID: try r.identifier("contract_id", maxLength: 128),
            projectID: try r.identifier("project_id", maxLength: 128), resource: try r.string("resource"),
            role: try r.string("role"), workDate: try r.date("work_date"), hours: try r.decimal("hours"),
            rate: try r.money("rate"), amount: try r.money("amount"), currency: try r.currency("currency")
        )
    }

    var json: JSONObject {
        [
            "time_entry_id": .string(timeEntryID), "contract_id": .string(contractID), "project_id": .string(projectID),
            "resource": .string(resource), "role": .string(role), "work_date": .string(workDate.isoString),
            "hours": .decimal(hours), "rate": .decimal(rate), "amount": .decimal(amount), "currency": .string(currency),
        ]
    }
}

/// `milestone.accepted`
public struct MilestoneAccepted: Hashable, Sendable {
    public var milestoneID: String
    public var contractID: String
    public var amount: ExactDecimal
    public var currency: String

    public init(milestoneID: String, contractID: String, amount: ExactDecimal, currency: String) {
        self.milestoneID = milestoneID
        self.contractID = contractID
        self.amount = amount
        self.currency = currency
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(
            milestoneID: try r.identifier("milestone_id", maxLength: 128), contractID: try r.identifier("contract_id", maxLength: 128),
            amount: try r.money("amount"), currency: try r.currency("currency")
        )
    }

    var json: JSONObject {
        ["milestone_id": .string(milestoneID), "contract_id": .string(contractID), "amount": .decimal(amount), "currency": .string(currency)]
    }
}

/// `invoice.posted`
public struct InvoicePosted: Hashable, Sendable {
    public var invoiceID: String
    public var contractID: String
    public var currency: String
    public var total: ExactDecimal
    public var lines: [InvoiceLine]

    public init(invoiceID: String, contractID: String, currency: String, total: ExactDecimal, lines: [InvoiceLine]) {
        self.invoiceID = invoiceID
        self.contractID = contractID
        self.currency = currency
        self.total = total
        self.lines = lines
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        var lines: [InvoiceLine] = []
        for line in try r.objects("lines") { lines.append(try InvoiceLine(line)) }
        self.init(
            invoiceID: try r.identifier("invoice_id", maxLength: 128), contractID: try r.identifier("contract_id", maxLength: 128),
            currency: try r.currency("currency"), total: try r.money("total", allowNegative: true), lines: lines
        )
    }

    var json: JSONObject {
        [
            "invoice_id": .string(invoiceID), "contract_id": .string(contractID), "currency": .string(currency),
            "total": .decimal(total), "lines": .array(lines.map(\.json)),
        ]
    }
}

/// `payment.received`
public struct PaymentReceived: Hashable, Sendable {
    public var invoiceID: String
    public var amount: ExactDecimal
    public var currency: String

    public init(invoiceID: String, amount: ExactDecimal, currency: String) {
        self.invoiceID = invoiceID
        self.amount = amount
        self.currency = currency
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(invoiceID: try r.identifier("invoice_id", maxLength: 128), amount: try r.money("amount"), currency: try r.currency("currency"))
    }

    var json: JSONObject { ["invoice_id": .string(invoiceID), "amount": .decimal(amount), "currency": .string(currency)] }
}
