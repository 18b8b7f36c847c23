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
