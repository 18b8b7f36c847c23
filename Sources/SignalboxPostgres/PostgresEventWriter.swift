import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Writes lines inside an open transaction: events (skipping duplicates by `event_id`; the first line wins),
/// console events sealed into the audit chain under the audit chain's lock, the projections of what was stored, and
/// rejected lines. Shared by ingest and console actions, so both write the same way.
struct PostgresEventWriter {
    /// Rows per multi-row `INSERT`; keeps each statement's parameters and memory small.
    static let chunkSize = 2_000

    let connection: PostgresConnection
    let logger: Logger
    let ingestedAt: Int64

    /// What a write stored.
    struct Outcome {
        var summary = IngestSummary()
        /// The console events stored, as sealed.
        var sealedConsoleEvents: [CanonicalEvent] = []
    }

    func write(events: [(event: CanonicalEvent, json: String)], rejected: [RejectedLine]) async throws -> Outcome {
        var outcome = Outcome()
        let (lines, sealed) = try await sealConsoleEvents(events)
        var stored: [LoggedEvent] = []
        for start in stride(from: 0, to: lines.count, by: Self.chunkSize) {
            stored += try await insertEvents(lines[start..<min(start + Self.chunkSize, lines.count)])
        }
        let storedIDs = Set(stored.map(\.event.eventID))
        // The server's trigger has advanced the audit head to the newest sealed event stored.
        if !sealed.isEmpty {
            guard sealed.allSatisfy({ storedIDs.contains($0.eventID) }) else {
                throw StoreError.conflict("a console event was stored by someone else meanwhile; try again")
            }
            outcome.sealedConsoleEvents = sealed
        }
        try await PostgresProjectionWriter(connection: connection, logger: logger).apply(stored.map(\.event))
        try await PostgresReconciliationProjection(connection: connection, logger: logger).record(stored)
        try await PostgresExceptionProjection(connection: connection, logger: logger).apply(stored)
        for start in stride(from: 0, to: rejected.count, by: Self.chunkSize) {
            try await insertRejected(rejected[start..<min(start + Self.chunkSize, rejected.count)])
        }
        outcome.summary = IngestSummary(accepted: stored.count, duplicates: events.count - stored.count,
                                        rejected: rejected.count)
        return outcome
    }

    /// Seals the console events that will be stored (not already stored, not repeated earlier in the batch) in
    /// order after the audit head (read under ``lockAuditChain(_:logger:)``).
    private func sealConsoleEvents(
        _ events: [(event: CanonicalEvent, json: String)]
    ) async throws -> (lines: [(event: CanonicalEvent, json: String)], sealed: [CanonicalEvent]) {
        let consoleIDs = events.filter { AuditChain.isChained($0.event) }.map(\.event.eventID)
        guard !consoleIDs.isEmpty else { return (events, []) }
        try await Self.lockAuditChain(connection, logger: logger)
        var head = AuditChain.genesisHash
        for try await hash in try await connection.query("SELECT hash FROM audit_head WHERE id = 1",
                                                         logger: logger).decode(String.self) {
            head = hash
        }
        var seen = Set<String>()
        for try await id in try await connection.query("""
            SELECT event_id FROM events WHERE event_id = ANY(\(consoleIDs)::text[])
            """, logger: logger).decode(String.self) {
            seen.insert(id)
        }
        var lines: [(event: CanonicalEvent, json: String)] = []
        var sealed: [CanonicalEvent] = []
        for line in events {
            defer { seen.insert(line.event.eventID) }
            guard AuditChain.isChained(line.event), !seen.contains(line.event.eventID) else {
                lines.append(line)
                continue
            }
            let (event, json) = AuditChain.sealedLine(line.event, previousHash: head)
            head = event.auditSeal?.hash ?? head
            sealed.append(event)
            lines.append((event, json))
        }
        return (lines, sealed)
    }

    /// Takes the transaction-scoped advisory lock that serialises writers of sealed events, so the head read
    /// next stays the head until this transaction ends and the chain stays linear.
    static func lockAuditChain(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.auditChainLockKey))", logger: logger)
    }

    /// Inserts one chunk with `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING` (one round trip) and
    /// returns the events actually stored with their sequence, in batch order.
    private func insertEvents(_ chunk: ArraySlice<(event: CanonicalEvent, json: String)>) async throws -> [LoggedEvent] {
        let ids = chunk.map(\.event.eventID)
        let types = chunk.map(\.event.type.rawValue)
        let times = chunk.map(\.event.occurredAt.microseconds)
        let sources = chunk.map(\.event.source.rawValue)
        let correlations = chunk.map(\.event.correlationID)
        let entities = chunk.map(\.event.entityKey)
        let payloads = chunk.map(\.json)
        let rows = try await connection.query("""
            INSERT INTO events (event_id, type, occurred_at, source, correlation_id, entity_key, payload, ingested_at)
            SELECT id, type, at, source, correlation, entity, payload, \(ingestedAt)
            FROM unnest(\(ids)::text[], \(types)::text[], \(times)::bigint[], \(sources)::text[], \(correlations)::text[],
                        \(entities)::text[], \(payloads)::text[])
                 WITH ORDINALITY AS line(id, type, at, source, correlation, entity, payload, position)
            ORDER BY position
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id, seq
            """, logger: logger)
        var stored: [String: Int64] = [:]
        for try await (id, sequence) in rows.decode((String, Int64).self) { stored[id] = sequence }
        return chunk.compactMap { line in
            stored.removeValue(forKey: line.event.eventID).map { LoggedEvent(sequence: $0, event: line.event) }
        }.sorted { $0.sequence < $1.sequence }
    }

    private func insertRejected(_ chunk: ArraySlice<RejectedLine>) async throws {
        let sources = chunk.map(\.sourceName)
        let numbers = chunk.map { Int64($0.lineNumber) }
        let texts = chunk.map(\.rawText)
        let reasons = chunk.map(\.reason)
        try await connection.query("""
            INSERT INTO rejected_lines (source_name, line_number, raw_text, reason, rejected_at)
            SELECT source, number, raw, reason, \(ingestedAt)
            FROM unnest(\(sources)::text[], \(numbers)::bigint[], \(texts)::text[], \(reasons)::text[])
                 WITH ORDINALITY AS line(source, number, raw, reason, position)
            ORDER BY position
            ON CONFLICT (source_name, line_number, raw_text) DO NOTHING
            """, logger: logger)
    }
}
