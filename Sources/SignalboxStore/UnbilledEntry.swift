import SignalboxCore

/// An approved, unbilled time entry as of some instant.
public struct UnbilledEntry: Equatable, Sendable {
    public var timeEntryID: String
    public var contractID: String
    public var customerName: String
    public var resource: String
    public var currency: String
    public var hours: ExactDecimal
    public var amount: ExactDecimal
    public var approvedAt: Timestamp

    public init(timeEntryID: String, contractID: String, customerName: String, resource: String, currency: String,
                hours: ExactDecimal, amount: ExactDecimal, approvedAt: Timestamp) {
        self.timeEntryID = timeEntryID
        self.contractID = contractID
        self.customerName = customerName
        self.resource = resource
        self.currency = currency
        self.hours = hours
        self.amount = amount
        self.approvedAt = approvedAt
    }
}

extension UnbilledEntry {
    /// The texts the drill-down's `/` filter searches, in the store (``DetailListSQL/unbilledEntries(asOf:request:dialect:)``) as in memory: the entry,
    /// contract, customer, resource and currency; not its figures (hours, amount, age).
    public var searchableText: [String] { [timeEntryID, contractID, customerName, resource, currency] }

    /// Each column's order as the drill-down shows them (entry, contract, customer, hours, amount, age, resource),
    /// as of `asOf`; a store sorting the list by a column orders it by the same keys.
    public func sortKeys(asOf: Timestamp) -> [DetailSortKey] {
        [.text(timeEntryID), .text(contractID), .text(customerName), .number(hours.units),
         .money(currency: currency, units: amount.units), .number(asOf.since(approvedAt).microseconds), .text(resource)]
    }

    /// The list's own order: by currency, largest amount first, then by entry.
    public static func inListOrder(_ a: UnbilledEntry, _ b: UnbilledEntry) -> Bool {
        (a.currency.utf8.elementsEqual(b.currency.utf8) ? nil : a.currency.utf8.lexicographicallyPrecedes(b.currency.utf8))
            ?? (a.amount != b.amount ? a.amount > b.amount : a.timeEntryID.utf8.lexicographicallyPrecedes(b.timeEntryID.utf8))
    }
}
