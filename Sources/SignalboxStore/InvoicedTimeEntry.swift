import SignalboxCore

/// A time entry first invoiced in the window, with the approval it was billed on (signal 6's population).
public struct InvoicedTimeEntry: Equatable, Sendable {
    public var timeEntryID: String
    public var contractID: String
    public var approvedAt: Timestamp
    public var invoicedAt: Timestamp

    public init(timeEntryID: String, contractID: String, approvedAt: Timestamp, invoicedAt: Timestamp) {
        self.timeEntryID = timeEntryID
        self.contractID = contractID
        self.approvedAt = approvedAt
        self.invoicedAt = invoicedAt
    }

    /// From the approval to the first invoice.
    public var latency: SignalDuration { invoicedAt.since(approvedAt) }
}
