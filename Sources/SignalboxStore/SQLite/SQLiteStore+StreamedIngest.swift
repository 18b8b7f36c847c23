extension SQLiteStore {
    /// WAL pages after which the ingest's own connection copies them into the database (about 200 MiB), should
    /// the background checkpoints fall behind.
    static let bulkCheckpointPages = 50_000
    /// The size the WAL file is cut back to after a checkpoint.
    static let walSizeLimitBytes = 64 << 20

    /// Writes the log through a connection of its own, so this handle's other calls go on while the ingest waits
    /// for its next batch (they see committed transactions only; a write through this handle waits for the
    /// ingest's transaction like any other writer). Time entries are written into the companion file by a second
    /// thread at the same time, and committed right after each log transaction; committed log pages are copied
    /// into the database file by a third.
    public func ingest(linesPerTransaction: Int, next: @escaping @Sendable () async throws -> IngestBatch?,
                       committed: @escaping @Sendable (IngestSummary) -> Void) async throws -> IngestSummary {
        guard !isReadOnly else { throw StoreError.readOnly }
        let connection = try SQLiteConnection(path: connection.path, readOnly: false)
        try connection.execute(Self.writerSettings + """
            PRAGMA wal_autocheckpoint = \(Self.bulkCheckpointPages); PRAGMA journal_size_limit = \(Self.walSizeLimitBytes);
            """)
        let checkpointer = try SQLiteBackgroundCheckpointer(path: connection.path)
        let timeEntries = try SQLiteBackgroundTimeEntryWriter(storePath: connection.path)
        var total = IngestSummary()
        var writer: SQLiteIngestWriter?
        var linesInTransaction = 0
        // Called once the companion has applied the transaction's operations: a failure there rolls the log back.
        func commit(_ finished: SQLiteIngestWriter) throws(StoreError) {
            try connection.execute("COMMIT")
            writer = nil
            linesInTransaction = 0
            total = total + finished.summary
            // Reported once the companion has committed too, so what was reported needs no replay after a crash.
            let reported = total
            if let last = finished.lastSequence {
                timeEntries.commit(through: last) { committed(reported) }
            } else {
                committed(reported)
            }
            checkpointer.checkpointCommitted()
        }
        do {
            while let batch = try await next() {
                if writer == nil {
                    try connection.execute("BEGIN IMMEDIATE")
                    writer = SQLiteIngestWriter(connection: connection, ingestedAt: clock())
                }
                try writer?.write(contentsOf: batch.lines)
                if let operations = writer?.takeTimeEntryOperations() { timeEntries.send(operations) }
                linesInTransaction += batch.lines.count
                if linesInTransaction >= linesPerTransaction, let finished = writer {
                    try await timeEntries.drain()
                    try commit(finished)
                }
            }
            try await timeEntries.drain()
            if let finished = writer {
                try commit(finished)
                try await timeEntries.drain()
            }
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
