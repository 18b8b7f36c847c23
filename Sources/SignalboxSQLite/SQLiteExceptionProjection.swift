import SignalboxCore
import SignalboxStore

/// Keeps the queue columns of `exceptions`, `reprocess_requests` and `remembered_mappings` in step with
/// the log, by folding each touched exception's events with ``ExceptionRecord`` (one definition of state).
extension SQLiteConnection {
    /// The exception an event is about, if any (approvals and completions name only their request).
    func exceptionID(concernedBy event: CanonicalEvent) throws(StoreError) -> String? {
        if let exceptionID = event.payload.exceptionID { return exceptionID }
        guard let requestID = event.payload.reprocessRequestID else { return nil }
        return try statement("SELECT exception_id FROM reprocess_requests WHERE request_id = ?")
            .bind(.text(requestID)).rows { $0.text(0) }.first
    }

    /// The types of the events about an exception that name it as their entity (its reprocess requests' approvals
    /// and completions name the request).
    static let exceptionEntityTypes: [EventType] = [
        .exceptionRaised, .exceptionClaimed, .exceptionReleased, .exceptionResolved, .exceptionDismissed, .exceptionNoted,
        .reprocessRequested,
    ]

    /// Every stored event about one exception, in log order.
    func loggedEvents(forException exceptionID: String) throws(StoreError) -> [LoggedEvent] {
        let direct = try statement(Self.exceptionEntityEvents)
            .bind(.text(exceptionID))
            .rows { row throws(StoreError) in LoggedEvent(try StoredEvent(sequence: row.int64(0), payload: row.text(1))) }
        var all = direct
        for logged in direct {
            guard case .reprocessRequested(let request) = logged.event.payload else { continue }
            all += try statement("""
                SELECT seq, payload FROM events
                WHERE entity_key = ?1 AND \(SQLiteSchema.entityIndexed) AND type IN ('reprocess.approved', 'reprocess.completed')
                """)
                .bind(.text(request.requestID))
                .rows { row throws(StoreError) in LoggedEvent(try StoredEvent(sequence: row.int64(0), payload: row.text(1))) }
        }
        return all.sorted { $0.sequence < $1.sequence }
    }

    private static let exceptionEntityEvents = """
        SELECT seq, payload FROM events WHERE entity_key = ?1 AND \(SQLiteSchema.entityIndexed) AND type IN (\(
            exceptionEntityTypes.map { "'\($0.rawValue)'" }.joined(separator: ", ")))
        """

    /// The current record of one exception, or nil when it has not been raised.
    func exceptionRecord(id: String) throws(StoreError) -> ExceptionRecord? {
        ExceptionRecord(events: try loggedEvents(forException: id))
    }

    /// Re-folds each of `exceptionIDs` from its events in `logged`, as ``loggedEvents(forException:)`` reads them (read
    /// here when missing), and writes its queue columns and reprocess requests. The columns that changed are written
    /// together, with one statement: each exception's own update copied every page it changed (twelve indexes, the
    /// group counts, the text-index notes) into a statement journal of its own first.
    func refreshExceptionQueues(_ exceptionIDs: [String], logged: [String: [LoggedEvent]]) throws(StoreError) {
        guard !exceptionIDs.isEmpty else { return }
        try execute(SQLiteExceptionQueueColumns.createHeld)
        var holdsChanges = false
        for exceptionID in exceptionIDs {
            if try refreshExceptionQueue(exceptionID: exceptionID, logged: logged[exceptionID]) { holdsChanges = true }
        }
        if holdsChanges { try execute(SQLiteExceptionQueueColumns.updateFromHeld) }
    }

    /// Re-folds one exception, holds its queue columns when they changed (true) and writes its reprocess requests.
    private func refreshExceptionQueue(exceptionID: String, logged: [LoggedEvent]?) throws(StoreError) -> Bool {
        let events: [LoggedEvent]
        if let logged { events = logged } else { events = try loggedEvents(forException: exceptionID) }
        guard let record = ExceptionRecord(events: events) else { return false }
        let folded = SQLiteExceptionQueueColumns(record)
        let stored = try statement(SQLiteExceptionQueueColumns.select)
            .bind(.text(exceptionID)).rows(SQLiteExceptionQueueColumns.init(row:)).first
        let changed = stored.map { $0 != folded } ?? false
        if changed {
            try statement(SQLiteExceptionQueueColumns.hold).bind([.text(exceptionID)] + folded.values).run()
        }
        for request in record.reprocessRequests {
            try statement("""
                INSERT OR REPLACE INTO reprocess_requests (request_id, exception_id, failed_event_id, requested_by,
                    requested_at, approved_by, approved_at, outcome, message, completed_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                """)
                .bind(.text(request.requestID), .text(exceptionID), .optional(request.failedEventID),
                      .text(request.requested.by), .integer(request.requested.at.microseconds),
                      .optional(request.approval?.by), .optional(request.approval?.at.microseconds),
                      .optional(request.completion?.outcome.rawValue), .optional(request.completion?.message),
                      .optional(request.completion?.at.microseconds))
                .run()
        }
        return changed
    }

    /// Remembers a resolved mapping for its source record: the latest resolution wins.
    func rememberMapping(_ resolution: ExceptionResolved, at: Timestamp, sequence: Int64) throws(StoreError) {
        guard let mapping = resolution.mapping else { return }
        try statement("""
            INSERT INTO remembered_mappings (source_system, source_key, target_system, target_key, resolved_by,
                resolved_at, exception_id, seq)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (source_system, source_key) DO UPDATE SET target_system = ?3, target_key = ?4,
                resolved_by = ?5, resolved_at = ?6, exception_id = ?7, seq = ?8
            WHERE ?6 > resolved_at OR (?6 = resolved_at AND ?8 > seq)
            """)
            .bind(.text(mapping.sourceSystem), .text(mapping.sourceKey), .text(mapping.targetSystem),
                  .text(mapping.targetKey), .text(resolution.by), .integer(at.microseconds),
                  .text(resolution.exceptionID), .integer(sequence))
            .run()
    }

    /// The hash at the head of the audit chain (64 zeros before the first console event).
    func auditHead() throws(StoreError) -> String {
        try statement("SELECT hash FROM audit_head WHERE id = 1").rows { $0.text(0) }.first ?? AuditChain.genesisHash
    }

    func setAuditHead(_ hash: String, sequence: Int64) throws(StoreError) {
        try statement("INSERT OR REPLACE INTO audit_head (id, hash, seq) VALUES (1, ?1, ?2)")
            .bind(.text(hash), .integer(sequence)).run()
    }
}

extension LoggedEvent {
    init(_ stored: StoredEvent) { self.init(sequence: stored.sequence, event: stored.event) }
}
