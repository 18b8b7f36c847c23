import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Keeps the queue columns of `exceptions`, `reprocess_requests` and `remembered_mappings` in step with the log,
/// by folding each touched exception's events with ``ExceptionRecord`` (the one definition of state, as in SQLite).
/// Works set-wise: a few statements per batch, whatever the number of exceptions touched.
struct PostgresExceptionProjection {
    let connection: PostgresConnection
    let logger: Logger

    static let exceptionEventTypes = [
        "exception.raised", "exception.claimed", "exception.released", "exception.resolved", "exception.dismissed",
        "exception.noted", "reprocess.requested",
    ]
    static let requestEventTypes = ["reprocess.approved", "reprocess.completed"]

    /// Updates the projections for newly stored events (in log order).
    func apply(_ stored: [LoggedEvent]) async throws {
        try await rememberMappings(stored)
        try await refresh(exceptionIDs: try await exceptionIDs(concernedBy: stored.map(\.event)))
    }

    /// The exceptions the events are about; approvals and completions name only their request, found in this
    /// batch or among stored requests.
    private func exceptionIDs(concernedBy events: [CanonicalEvent]) async throws -> [String] {
        var ids = Set<String>()
        var requestOwners: [String: String] = [:]
        var unresolvedRequests = Set<String>()
        for event in events {
            if let exceptionID = event.payload.exceptionID {
                ids.insert(exceptionID)
                if let requestID = event.payload.reprocessRequestID { requestOwners[requestID] = exceptionID }
            } else if let requestID = event.payload.reprocessRequestID {
                unresolvedRequests.insert(requestID)
            }
        }
        let lookup = unresolvedRequests.filter { requestOwners[$0] == nil }
        if !lookup.isEmpty {
            let rows = try await connection.query("""
                SELECT exception_id FROM reprocess_requests WHERE request_id = ANY(\(Array(lookup))::text[])
                """, logger: logger)
            for try await id in rows.decode(String.self) { ids.insert(id) }
        }
        for requestID in unresolvedRequests { if let owner = requestOwners[requestID] { ids.insert(owner) } }
        return ids.sorted()
    }

    /// The current records of `ids` (those raised), folded from the log.
    func records(ids: [String]) async throws -> [ExceptionRecord] {
        guard !ids.isEmpty else { return [] }
        var byException: [String: [LoggedEvent]] = [:]
        var requestOwners: [String: String] = [:]
        for logged in try await loggedEvents(entityKeys: ids, types: Self.exceptionEventTypes) {
            byException[logged.event.entityKey, default: []].append(logged)
            if case .reprocessRequested(let request) = logged.event.payload {
                requestOwners[request.requestID] = logged.event.entityKey
            }
        }
        if !requestOwners.isEmpty {
            for logged in try await loggedEvents(entityKeys: Array(requestOwners.keys), types: Self.requestEventTypes) {
                guard let owner = requestOwners[logged.event.entityKey] else { continue }
                byException[owner, default: []].append(logged)
            }
        }
        return ids.compactMap { id in
            byException[id].flatMap { ExceptionRecord(events: $0.sorted { $0.sequence < $1.sequence }) }
        }
    }

    private func loggedEvents(entityKeys: [String], types: [String]) async throws -> [LoggedEvent] {
        let rows = try await connection.query("""
            SELECT seq, payload FROM events WHERE entity_key = ANY(\(entityKeys)::text[]) AND type = ANY(\(types)::text[])
            """, logger: logger)
        var payloads: [(Int64, String)] = []
        for try await row in rows.decode((Int64, String).self) { payloads.append(row) }
        return try payloads.map { sequence, payload in
            let stored = try StoredEvent(sequence: sequence, storedPayload: payload)
            return LoggedEvent(sequence: stored.sequence, event: stored.event)
        }
    }

    /// Re-folds the exceptions and writes their queue columns and reprocess requests.
    func refresh(exceptionIDs ids: [String]) async throws {
        let records = try await records(ids: ids)
        guard !records.isEmpty else { return }
        var rows: [JSONValue] = []
        var requests: [JSONValue] = []
        for record in records {
            let last = record.lastChange
            rows.append(.object([
                "id": .string(record.id),
                "severity_rank": .integer(Severity.allCases.firstIndex(of: record.severity) ?? 0),
                "subject_system": .optional(record.subject?.system), "subject_key": .optional(record.subject?.key),
                "subject_name": .optional(record.subject?.name), "amount_units": .optional(record.amountAtRisk?.units),
                "currency": .optional(record.currency), "state": .string(QueueState(record.state).rawValue),
                "state_label": .string(record.state.description), "assignee": .optional(record.assignee),
                "version": .integer(record.version), "last_by": .optional(last?.actor),
                "last_at": .optional(last?.at.microseconds),
            ]))
            for request in record.reprocessRequests {
                requests.append(.object([
                    "request_id": .string(request.requestID), "exception_id": .string(record.id),
                    "failed_event_id": .optional(request.failedEventID), "requested_by": .string(request.requested.by),
                    "requested_at": .integer(request.requested.at.microseconds),
                    "approved_by": .optional(request.approval?.by),
                    "approved_at": .optional(request.approval?.at.microseconds),
                    "outcome": .optional(request.completion?.outcome.rawValue),
                    "message": .optional(request.completion?.message),
                    "completed_at": .optional(request.completion?.at.microseconds),
                ]))
            }
        }
        try await connection.query("""
            UPDATE exceptions e SET severity_rank = u.severity_rank, subject_system = u.subject_system,
                subject_key = u.subject_key, subject_name = u.subject_name, amount_units = u.amount_units,
                currency = u.currency, state = u.state, state_label = u.state_label, assignee = u.assignee,
                version = u.version, last_by = u.last_by, last_at = u.last_at
            FROM jsonb_to_recordset(\(JSONValue.array(rows).serialized)::jsonb) AS u(
                id text, severity_rank integer, subject_system text, subject_key text, subject_name text,
                amount_units bigint, currency text, state text, state_label text, assignee text, version bigint,
                last_by text, last_at bigint)
            WHERE e.exception_id = u.id
            """, logger: logger)
        guard !requests.isEmpty else { return }
        try await connection.query("""
            INSERT INTO reprocess_requests (request_id, exception_id, failed_event_id, requested_by, requested_at,
                approved_by, approved_at, outcome, message, completed_at)
            SELECT * FROM jsonb_to_recordset(\(JSONValue.array(requests).serialized)::jsonb) AS u(
                request_id text, exception_id text, failed_event_id text, requested_by text, requested_at bigint,
                approved_by text, approved_at bigint, outcome text, message text, completed_at bigint)
            ON CONFLICT (request_id) DO UPDATE SET exception_id = EXCLUDED.exception_id,
                failed_event_id = EXCLUDED.failed_event_id, requested_by = EXCLUDED.requested_by,
                requested_at = EXCLUDED.requested_at, approved_by = EXCLUDED.approved_by,
                approved_at = EXCLUDED.approved_at, outcome = EXCLUDED.outcome, message = EXCLUDED.message,
                completed_at = EXCLUDED.completed_at
            """, logger: logger)
    }

    /// Remembers resolved mappings per source record: the latest resolution (by time, then arrival) wins.
    private func rememberMappings(_ stored: [LoggedEvent]) async throws {
        var rows: [JSONValue] = []
        for logged in stored {
            guard case .exceptionResolved(let resolution) = logged.event.payload, let mapping = resolution.mapping else { continue }
            rows.append(.object([
                "source_system": .string(mapping.sourceSystem), "source_key": .string(mapping.sourceKey),
                "target_system": .string(mapping.targetSystem), "target_key": .string(mapping.targetKey),
                "resolved_by": .string(resolution.by), "resolved_at": .integer(logged.event.occurredAt.microseconds),
                "exception_id": .string(resolution.exceptionID), "seq": .integer(logged.sequence),
            ]))
        }
        guard !rows.isEmpty else { return }
        try await connection.query("""
            INSERT INTO remembered_mappings AS m (source_system, source_key, target_system, target_key, resolved_by,
                resolved_at, exception_id, seq)
            SELECT DISTINCT ON (source_system, source_key) *
            FROM jsonb_to_recordset(\(JSONValue.array(rows).serialized)::jsonb) AS u(
                source_system text, source_key text, target_system text, target_key text, resolved_by text,
                resolved_at bigint, exception_id text, seq bigint)
            ORDER BY source_system, source_key, resolved_at DESC, seq DESC
            ON CONFLICT (source_system, source_key) DO UPDATE SET target_system = EXCLUDED.target_system,
                target_key = EXCLUDED.target_key, resolved_by = EXCLUDED.resolved_by,
                resolved_at = EXCLUDED.resolved_at, exception_id = EXCLUDED.exception_id, seq = EXCLUDED.seq
            WHERE (EXCLUDED.resolved_at, EXCLUDED.seq) > (m.resolved_at, m.seq)
            """, logger: logger)
    }
}

extension JSONValue {
    static func integer(_ value: some BinaryInteger) -> JSONValue { .number(String(value)) }
    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func optional(_ value: Int64?) -> JSONValue { value.map(JSONValue.integer) ?? .null }
}
