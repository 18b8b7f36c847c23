import SignalboxStore

extension SQLiteStore {
    /// The WAL size after which a bulk writer's commit copies the pages into the database itself, should the
    /// background checkpoints fall behind.
    static let bulkCheckpointBytes: Int64 = 200 << 20
    /// The size the WAL file is cut back to after a checkpoint.
    static let walSizeLimitBytes = 64 << 20

    /// A bulk writer keeps its statement journals in memory. A statement that fires triggers or upserts a row keeps
    /// the original of each page it changes, to undo itself alone should it fail; past 64 KiB (four 16 KiB pages)
    /// SQLite spills that journal into a temporary file, so raising an exception or approving time wrote a file. Each
    /// journal lasts one statement about one row (or one transaction's text index), so the memory stays small.
    static let bulkStatementJournals = "PRAGMA temp_store = MEMORY;"

    /// The settings of a bulk writer's connection for the WAL of `schema` (whose page size is the file's own).
    static func bulkWALSettings(_ connection: SQLiteConnection, schema: String) throws(StoreError) -> String {
        let pageSize = try connection.scalar("PRAGMA \(schema).page_size")
        return "PRAGMA wal_autocheckpoint = \(bulkCheckpointBytes / pageSize); "
            + "PRAGMA \(schema).journal_size_limit = \(walSizeLimitBytes);"
    }

    /// Writes the log through a connection of its own, so this handle's other calls go on while the ingest waits
    /// for its next batch (they see committed transactions only; a write through this handle waits for the
    /// ingest's transaction like any other writer). Time entries are written into the companion file by a second
    /// thread at the same time, and committed after each log transaction while the log writes the next (a failure
    /// there stops the ingest before its next commit); committed log pages are copied into the database file by a
    /// third. A writer waiting for the store (``SQLiteWriterTurns``) makes the open transaction commit at the next
    /// batch and gets its turn before the next one begins.
    public func ingest(linesPerTransaction: Int, next: @escaping @Sendable () async throws -> IngestBatch?,
                       committed: @escaping @Sendable (IngestSummary) -> Void) async throws -> IngestSummary {
        guard !isReadOnly else { throw StoreError.readOnly }
        let connection = try SQLiteConnection(path: connection.path, readOnly: false)
        try connection.execute(Self.writerSettings + Self.bulkStatementJournals + Self.bulkWALSettings(connection, schema: "main"))
        let checkpointer = try SQLiteBackgroundCheckpointer(path: connection.path)
        let turns = SQLiteWriterTurns(storePath: connection.path)
        let timeEntries = try SQLiteBackgroundTimeEntryWriter(storePath: connection.path)
        var total = IngestSummary()
        var writer: SQLiteIngestWriter?
        var linesInTransaction = 0
        // The companion's commit of the previous log transaction, with its failure if any: the companion trails the
        // log by at most one transaction, committing each while the log writes the next.
        var companionCommit: Task<StoreError?, Never>?
        func commit(_ finished: SQLiteIngestWriter) throws(StoreError) {
            var finished = finished
            try finished.finish()
            try connection.execute("COMMIT")
            writer = nil
            linesInTransaction = 0
            total = total + finished.summary
            checkpointer.checkpointCommitted()
            // Reported once the companion has committed too, so what was reported needs no replay after a crash.
            let reported = total
            if let last = finished.lastSequence {
                timeEntries.commit(through: last) { committed(reported) }
            } else {
                committed(reported)
            }
            companionCommit = timeEntries.doneSoFar()
        }
        do {
            while let batch = try await next() {
                if writer == nil {
                    try connection.execute("BEGIN IMMEDIATE")
                    writer = SQLiteIngestWriter(connection: connection, ingestedAt: clock())
                }
                try writer?.write(contentsOf: batch.lines, clockSkewTolerance: batch.clockSkewTolerance)
                if let operations = writer?.takeTimeEntryOperations() { timeEntries.send(operations) }
                linesInTransaction += batch.lines.count
                // A console or CLI action waiting for the store gets it now, not after the whole transaction.
                let someoneWaits = turns.someoneIsWaiting
                if linesInTransaction >= linesPerTransaction || someoneWaits, let finished = writer {
                    if let failure = await companionCommit?.value { throw failure }
                    try commit(finished)
                    if someoneWaits { await turns.yieldToWaitingWriters() }
                }
            }
            if let finished = writer {
                if let failure = await companionCommit?.value { throw failure }
                try commit(finished)
            }
            try await timeEntries.drain()
        } catch {
            if writer != nil {
                try? connection.execute("ROLLBACK")
                timeEntries.rollback()
            }
            _ = try? await timeEntries.drain()
            await checkpointer.finish()
            throw error
        }
        await checkpointer.finish()
        return total
    }
}
