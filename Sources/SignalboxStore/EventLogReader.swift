import SignalboxCore

/// Reads of the event log itself: traces, rejected lines, and whether anything changed.
public protocol EventLogReader: Sendable {
    /// Rejected lines, oldest first.
    func rejectedLines(limit: Int) async throws(StoreError) -> [RejectedLine]

    /// Every stored event of one correlation id, in `occurred_at` order (ties by arrival).
    func events(correlationID: String) async throws(StoreError) -> [StoredEvent]

    /// Whether the log holds at least one event (a new, empty store holds none); cheap to ask.
    func hasEvents() async throws(StoreError) -> Bool

    /// A value that changes whenever anything is written to the store; cheap to ask.
    func changeToken() async throws(StoreError) -> Int64

    /// How far what this store reads trails the writers: zero except on a replica behind its primary, so a
    /// console can count the lag into its data's age.
    func replicationLag() async throws(StoreError) -> SignalDuration
}
