/// Where ingested lines go: the integration layer's writes, from `signalbox ingest` and the simulator.
public protocol EventIngesting: Sendable {
    /// Stores one batch in one transaction: accepted events (duplicates by `event_id` are skipped and
    /// counted) and rejected lines, which are kept with their reason.
    func ingest(_ batch: IngestBatch) async throws(StoreError) -> IngestSummary

    /// Stores the batches `next` returns until it returns nil, committing a transaction as soon as at least
    /// `linesPerTransaction` lines were written since the last commit, and at the end. `committed` is told
    /// the running total after each commit; what it was told survives a crash.
    func ingest(linesPerTransaction: Int, next: @escaping @Sendable () async throws -> IngestBatch?,
                committed: @escaping @Sendable (IngestSummary) -> Void) async throws -> IngestSummary
}
