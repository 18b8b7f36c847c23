import SignalboxCore
@testable import SignalboxSQLite

/// Writes to a SQLite store's log behind its projections, as an ingest that died between its two commits leaves it.
enum TrailingLog {
    /// Appends `line` to the event log of the store at `path` only (its `-time` companion does not see it).
    static func append(_ line: String, toStore path: String) throws {
        let event = try CanonicalEvent(jsonLine: Array(line.utf8))
        try SQLiteConnection(path: path, readOnly: false).statement("""
            INSERT INTO events (event_id, type, occurred_at, source, correlation_id, entity_key, payload, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0)
            """)
            .bind(.text(event.eventID), .text(event.type.rawValue), .integer(event.occurredAt.microseconds),
                  .text(event.source.rawValue), .text(event.correlationID), .text(event.entityKey), .text(line))
            .run()
    }
}
