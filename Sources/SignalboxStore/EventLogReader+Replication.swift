import SignalboxCore

extension EventLogReader {
    /// Zero: a store without replicas is never behind.
    public func replicationLag() async throws(StoreError) -> SignalDuration { SignalDuration(microseconds: 0) }
}
