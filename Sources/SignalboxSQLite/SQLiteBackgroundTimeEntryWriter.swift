import Dispatch
import SignalboxStore

/// Writes a bulk ingest's time-entry operations into the companion file on a thread of its own, while the
/// ingest writes the log: two files, two writers, two cores.
///
/// Its transactions follow the ingest's: operations sent during a log transaction go into one companion
/// transaction, which ``commit(through:then:)`` commits once the log transaction has committed (never before, so the
/// companion never leads the log). A failure is kept and reported by the next ``drain()`` or ``doneSoFar()``; the
/// operations after it are dropped, and replayed from the log by the next writer or open.
final class SQLiteBackgroundTimeEntryWriter: @unchecked Sendable {
    // Sendable because `ledger` and `failure` are only ever used on `queue`, which is serial.
    private var ledger: SQLiteTimeEntryLedger
    private var failure: StoreError?
    private let queue = DispatchQueue(label: "signalbox.sqlite.time-entries")

    /// The companion's page cache while it is written beside a bulk ingest: 192 MiB, half as much again as the log
    /// writer's. Its indexes by time entry (the entries, the approvals) are written at random keys and are about
    /// twice the log's (3M events: 357 MiB against 154, from `dbstat`). A 3M ingest spent 21 s of system time with
    /// 128 MiB here, reading those pages again, and 16 s with 192 MiB (14 s before the approvals moved here).
    static let pageCacheKibibytes = 196_608

    /// Opens two connections of its own to the store at `storePath`: one writes the companion, attached to it;
    /// the other reads the log, so the companion's transactions never hold a snapshot of it.
    init(storePath: String) throws(StoreError) {
        let connection = try SQLiteConnection(path: storePath, readOnly: false)
        try connection.execute(SQLiteStore.writerSettings + SQLiteStore.bulkStatementJournals)
        try SQLiteTimeEntryFile.attach(to: connection, readOnly: false)
        try connection.execute(SQLiteStore.bulkWALSettings(connection, schema: SQLiteTimeEntryFile.schemaName)
            + "PRAGMA \(SQLiteTimeEntryFile.schemaName).cache_size = -\(Self.pageCacheKibibytes);")
        ledger = SQLiteTimeEntryLedger(connection: connection, log: try SQLiteConnection(path: storePath, readOnly: true))
    }

    /// Applies operations of the open log transaction (in `seq` order); returns at once.
    func send(_ operations: [TimeEntryOperation]) {
        guard let first = operations.first else { return }
        run { ledger throws(StoreError) in
            if ledger.appliedThrough == nil { try ledger.begin(replayingBefore: first.sequence) }
            for operation in operations { try ledger.apply(operation) }
        }
    }

    /// Commits the companion's transaction once the log's has committed every event through `sequence`, then
    /// calls `committed`; returns at once. Committed pages are then copied into the companion file.
    func commit(through sequence: Int64, then committed: @escaping @Sendable () -> Void) {
        run { ledger throws(StoreError) in
            if ledger.appliedThrough == nil { try ledger.begin(replayingBefore: sequence + 1) }
            try ledger.commit(through: sequence)
            committed()
            // A busy or failed passive checkpoint loses nothing: the pages stay in the WAL.
            try? ledger.connection.execute("PRAGMA \(SQLiteTimeEntryFile.schemaName).wal_checkpoint(PASSIVE)")
        }
    }

    /// Abandons the companion's open transaction (the log's was rolled back); returns at once.
    func rollback() {
        queue.async { [self] in ledger.rollback() }
    }

    /// Waits for everything sent so far, then throws the first failure, if any.
    func drain() async throws(StoreError) {
        if let failure = await doneSoFar().value { throw failure }
    }

    /// A task that finishes once everything sent so far is done, with the first failure, if any. What is sent
    /// later is not waited for.
    func doneSoFar() -> Task<StoreError?, Never> {
        let (outcome, report) = AsyncStream<StoreError?>.makeStream()
        queue.async { [self] in
            report.yield(failure)
            report.finish()
        }
        return Task { await outcome.first { _ in true } ?? nil }
    }

    private func run(_ body: @escaping @Sendable (inout SQLiteTimeEntryLedger) throws(StoreError) -> Void) {
        queue.async { [self] in
            guard failure == nil else { return }
            do throws(StoreError) {
                try body(&ledger)
            } catch {
                ledger.rollback()
                failure = error
            }
        }
    }
}
