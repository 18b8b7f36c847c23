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

extension InvoicedTimeEntry {
    /// The texts the drill-down's `/` filter searches (``DetailListSQL/invoicedTimeEntries(asOf:window:request:dialect:)``
    /// searches the same in the store): the entry and contract; not its figures and times.
    public var searchableText: [String] { [timeEntryID, contractID] }

    /// Each column's order as the drill-down shows them (entry, contract, waited, approved, invoiced).
    public var sortKeys: [DetailSortKey] {
        [.text(timeEntryID), .text(contractID), .number(latency.microseconds), .number(approvedAt.microseconds),
         .number(invoicedAt.microseconds)]
    }

    /// The list's own order: longest wait first, then by entry.
    public static func inListOrder(_ a: InvoicedTimeEntry, _ b: InvoicedTimeEntry) -> Bool {
        a.latency != b.latency ? a.latency > b.latency : a.timeEntryID.utf8.lexicographicallyPrecedes(b.timeEntryID.utf8)
    }
}
