import PostgresNIO
import SignalboxCore
import SignalboxStore

extension PostgresStore {
    /// Rows per multi-row `INSERT`; keeps each statement's parameters and memory small.
    static let ingestChunkSize = 2_000

    /// Stores the batch in one transaction. Events go in with `INSERT … SELECT FROM unnest(…) ON CONFLICT
    /// (event_id) DO NOTHING RETURNING event_id`, so a chunk costs one round trip and duplicates (already stored,
    /// or repeated within the batch: the first line wins) are counted, not errors. Accepted events update the
    /// projections in the same transaction. Rejected lines are kept (once per source, line and text).
    /// Rows are stamped with the store's clock as their arrival time.
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
        let logger = self.logger
        let now = clock().microseconds
        return try await perform {
            try await client.withTransaction(logger: logger) { connection in
                var accepted: [CanonicalEvent] = []
                for start in stride(from: 0, to: events.count, by: Self.ingestChunkSize) {
                    let chunk = events[start..<min(start + Self.ingestChunkSize, events.count)]
                    accepted += try await Self.insertEvents(chunk, at: now, connection: connection, logger: logger)
                }
                try await PostgresProjectionWriter(connection: connection, logger: logger).apply(accepted)
                for start in stride(from: 0, to: rejected.count, by: Self.ingestChunkSize) {
                    let chunk = rejected[start..<min(start + Self.ingestChunkSize, rejected.count)]
                    try await Self.insertRejected(chunk, at: now, connection: connection, logger: logger)
                }
                return IngestSummary(accepted: accepted.count, duplicates: events.count - accepted.count,
                                     rejected: rejected.count)
            }
        }
    }

    /// Inserts one chunk and returns the events actually stored, in batch order.
    private static func insertEvents(_ chunk: ArraySlice<(event: CanonicalEvent, json: String)>, at now: Int64,
                                     connection: PostgresConnection, logger: Logger) async throws -> [CanonicalEvent] {
        let ids = chunk.map(\.event.eventID)
        let types = chunk.map(\.event.type.rawValue)
        let times = chunk.map(\.event.occurredAt.microseconds)
        let sources = chunk.map(\.event.source.rawValue)
        let correlations = chunk.map(\.event.correlationID)
        let entities = chunk.map(\.event.entityKey)
        let payloads = chunk.map(\.json)
        let rows = try await connection.query("""
            INSERT INTO events (event_id, type, occurred_at, source, correlation_id, entity_key, payload, ingested_at)
            SELECT id, type, at, source, correlation, entity, payload, \(now)
            FROM unnest(\(ids)::text[], \(types)::text[], \(times)::bigint[], \(sources)::text[], \(correlations)::text[],
                        \(entities)::text[], \(payloads)::text[])
                 WITH ORDINALITY AS line(id, type, at, source, correlation, entity, payload, position)
            ORDER BY position
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id
            """, logger: logger)
        var stored = Set<String>()
        for try await id in rows.decode(String.self) { stored.insert(id) }
        return chunk.compactMap { stored.remove($0.event.eventID) == nil ? nil : $0.event }
    }

    private static func insertRejected(_ chunk: ArraySlice<RejectedLine>, at now: Int64, connection: PostgresConnection,
                                       logger: Logger) async throws {
        let sources = chunk.map(\.sourceName)
        let numbers = chunk.map { Int64($0.lineNumber) }
        let texts = chunk.map(\.rawText)
        let reasons = chunk.map(\.reason)
        try await connection.query("""
            INSERT INTO rejected_lines (source_name, line_number, raw_text, reason, rejected_at)
            SELECT source, number, raw, reason, \(now)
            FROM unnest(\(sources)::text[], \(numbers)::bigint[], \(texts)::text[], \(reasons)::text[])
                 WITH ORDINALITY AS line(source, number, raw, reason, position)
            ORDER BY position
            ON CONFLICT (source_name, line_number, raw_text) DO NOTHING
            """, logger: logger)
    }
}
