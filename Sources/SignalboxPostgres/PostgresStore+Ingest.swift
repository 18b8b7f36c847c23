import PostgresNIO
import SignalboxCore
import SignalboxStore

extension PostgresStore {
    /// Stores the batch in one transaction (see ``PostgresEventWriter``): duplicates (already stored, or repeated
    /// within the batch: the first line wins) are counted, not errors; accepted events update the projections in
    /// the same transaction; rejected lines are kept once per source, line and text. Rows are stamped with the
    /// store's clock as their arrival time.
    public func ingest(_ batch: IngestBatch) async throws(StoreError) -> IngestSummary {
        try ensureWritable()
        var events: [(event: CanonicalEvent, json: String)] = []
        var rejected: [RejectedLine] = []
        for line in batch.lines {
            switch line {
            case .event(let event, let json): events.append((event, json))
            case .rejected(let line): rejected.append(line)
            }
        }
        guard !events.isEmpty || !rejected.isEmpty else { return IngestSummary() }
        let now = clock().microseconds
        let (lines, rejectedLines) = (events, rejected)
        return try await withTransaction { connection, logger in
            try await PostgresEventWriter(connection: connection, logger: logger, ingestedAt: now)
                .write(events: lines, rejected: rejectedLines).summary
        }
    }
}
