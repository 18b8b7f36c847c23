import SignalboxCore

/// A store of canonical events: the integration layer's log and the projections read from it.
///
/// SQLite (``SQLiteStore``) and PostgreSQL implement it; the console and the
/// command line see only this protocol. Every method may be called from any task.
public protocol EventStore: SignalDetailsSource, ExceptionQueueStore {
    /// Where the store is, for status bars and messages: a path, or `host:port/db`. Never a password.
    var displayName: String { get }

    /// Whether the store was opened read-only; writes then fail with ``StoreError/readOnly``.
    var isReadOnly: Bool { get }

    /// Creates the schema or upgrades an older one. Fails with ``StoreError/newerSchema`` for a store
    /// written by a newer Signalbox.
    func migrate() async throws(StoreError)

    /// Stores one batch in one transaction: accepted events (duplicates by `event_id` are skipped and
    /// counted) and rejected lines, which are kept with their reason.
    func ingest(_ batch: IngestBatch) async throws(StoreError) -> IngestSummary

    /// Stores the batches `next` returns until it returns nil, committing a transaction as soon as at least
    /// `linesPerTransaction` lines were written since the last commit, and at the end. `committed` is told
    /// the running total after each commit; what it was told survives a crash.
    func ingest(linesPerTransaction: Int, next: @escaping @Sendable () async throws -> IngestBatch?,
                committed: @escaping @Sendable (IngestSummary) -> Void) async throws -> IngestSummary

    /// The five golden signals as of `asOf` over `window`.
    func signals(asOf: Timestamp, window: SignalDuration) async throws(StoreError) -> GoldenSignals

    /// Logged events the signals do not reflect yet: a projection that commits after the log (SQLite's time
    /// entries) trails it for a moment during an ingest, or until the store is opened for writing after an
    /// ingest died between its commits. Zero where projections commit with the log.
    func eventsNotYetInSignals() async throws(StoreError) -> Int

    /// Rejected lines, oldest first.
    func rejectedLines(limit: Int) async throws(StoreError) -> [RejectedLine]

    /// Every stored event of one correlation id, in `occurred_at` order (ties by arrival).
    func events(correlationID: String) async throws(StoreError) -> [StoredEvent]

    /// A value that changes whenever anything is written to the store; cheap to ask.
    func changeToken() async throws(StoreError) -> Int64

    /// Releases connections. Further calls fail.
    func close() async
}
