import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Stores a batch of events in two statements, whatever its size: `COPY … FROM STDIN` (text format,
/// ``CopyTextRows``) into the session's temporary staging table, then one `INSERT … SELECT … ORDER BY position
/// ON CONFLICT (event_id) DO NOTHING` into `events`. The insert is the one the multi-row path makes, so the log's
/// triggers (the console actor check, the audit head, the change notification) and the unique `event_id` apply
/// unchanged, sequences follow the lines' order, and the first line of a repeated `event_id` wins. Runs inside the
/// caller's transaction: a failure or a killed process leaves nothing of the batch.
struct PostgresEventStaging {
    /// The staging table, private to the session (`pg_temp`), emptied after each batch and at each commit.
    static let table = "signalbox_ingest_staging"
    /// About how many bytes of rows go in one COPY data message (a row is never split).
    static let bytesPerMessage = 1 << 20

    let connection: PostgresConnection
    let logger: Logger
    let ingestedAt: Int64

    /// Stores `lines` and returns the events actually stored with their sequence, in sequence order.
    func insert(_ lines: [(event: CanonicalEvent, json: String)]) async throws -> [LoggedEvent] {
        guard !lines.isEmpty else { return [] }
        try await connection.query("""
            CREATE TEMP TABLE IF NOT EXISTS \(unescaped: Self.table) (
                position bigint NOT NULL, event_id text NOT NULL, type text NOT NULL, occurred_at bigint NOT NULL,
                source text NOT NULL, correlation_id text NOT NULL, entity_key text NOT NULL, payload text NOT NULL
            ) ON COMMIT DELETE ROWS
            """, logger: logger)
        try await copy(lines)
        let rows = try await connection.query("""
            INSERT INTO events (event_id, type, occurred_at, source, correlation_id, entity_key, payload, ingested_at)
            SELECT event_id, type, occurred_at, source, correlation_id, entity_key, payload, \(ingestedAt)
            FROM pg_temp.\(unescaped: Self.table)
            ORDER BY position
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id, seq
            """, logger: logger)
        var sequences: [String: Int64] = [:]
        for try await (id, sequence) in rows.decode((String, Int64).self) { sequences[id] = sequence }
        try await connection.query("TRUNCATE pg_temp.\(unescaped: Self.table)", logger: logger)
        return PostgresEventWriter.logged(lines, sequences: sequences)
    }

    private func copy(_ lines: [(event: CanonicalEvent, json: String)]) async throws {
        try await connection.copyFrom(
            table: Self.table,
            columns: ["position", "event_id", "type", "occurred_at", "source", "correlation_id", "entity_key", "payload"],
            logger: logger
        ) { writer in
            var rows = CopyTextRows(reservingCapacity: Self.bytesPerMessage + (Self.bytesPerMessage >> 2))
            for (position, line) in lines.enumerated() {
                rows.append(Int64(position))
                rows.append(line.event.eventID)
                rows.append(line.event.type.rawValue)
                rows.append(line.event.occurredAt.microseconds)
                rows.append(line.event.source.rawValue)
                rows.append(line.event.correlationID)
                rows.append(line.event.entityKey)
                rows.append(line.json)
                rows.endRow()
                if rows.bytes.count >= Self.bytesPerMessage {
                    try await writer.write(rows.buffer)
                    rows.removeAll()
                }
            }
            if !rows.isEmpty { try await writer.write(rows.buffer) }
        }
    }
}
