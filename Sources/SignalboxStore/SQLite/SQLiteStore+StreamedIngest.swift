extension SQLiteStore {
    /// WAL pages after which the ingest's own connection copies them into the database (about 200 MiB), should
    /// the background checkpoints fall behind.
    static let bulkCheckpointPages = 50_000
    /// The size the WAL file is cut back to after a checkpoint.
    static let walSizeLimitBytes = 64 << 20

    /// Writes through a connection of its own, so this handle's other calls go on while the ingest waits for
    /// its next batch (they see committed transactions only; a write through this handle waits for the ingest's
    /// transaction like any other writer). Committed pages are copied into the database file by another thread
    /// while the next transaction is written.
    public func ingest(linesPerTransaction: Int, next: @escaping @Sendable () async throws -> IngestBatch?,
                       committed: @escaping @Sendable (IngestSummary) -> Void) async throws -> IngestSummary {
        guard !isReadOnly else { throw StoreError.readOnly }
        let connection = try SQLiteConnection(path: connection.path, readOnly: false)
        try connection.execute(Self.writerSettings + """
            PRAGMA wal_autocheckpoint = \(Self.bulkCheckpointPages); PRAGMA journal_size_limit = \(Self.walSizeLimitBytes);
            """)
        let checkpointer = try SQLiteBackgroundCheckpointer(path: connection.path)
        var total = IngestSummary()
        var writer: SQLiteIngestWriter?
        var linesInTransaction = 0
        func commit(_ finished: SQLiteIngestWriter) throws(StoreError) {
            try connection.execute("COMMIT")
            checkpointer.checkpointCommitted()
            writer = nil
            linesInTransaction = 0
            total = total + finished.summary
            committed(total)
        }
        do {
            while let batch = try await next() {
                if writer == nil {
                    try connection.execute("BEGIN IMMEDIATE")
                    writer = SQLiteIngestWriter(connection: connection, ingestedAt: clock())
                }
                try writer?.write(contentsOf: batch.lines)
                linesInTransaction += batch.lines.count
                if linesInTransaction >= linesPerTransaction, let finished = writer { try commit(finished) }
            }
            if let finished = writer { try commit(finished) }
        } catch {
            if writer != nil { try? connection.execute("ROLLBACK") }
            await checkpointer.finish()
            throw error
        }
        await checkpointer.finish()
        return total
    }
}
