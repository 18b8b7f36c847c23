import SignalboxCore
import SignalboxStore

extension SQLiteStore: ExceptionQueueStore {
    public func exceptionRows(_ query: ExceptionQuery, now: Timestamp) throws(StoreError) -> [ExceptionRow] {
        try readSnapshot { () throws(StoreError) in
            let candidates = try SQLiteQueueText.candidates(for: query, in: connection)
            let (sql, parameters) = ExceptionQuerySQL(query: query, now: now, dialect: SQLiteExceptionQueries.dialect,
                                                      textCandidates: candidates).page()
            return try connection.statement(sql).bind(SQLiteExceptionQueries.values(parameters)).rows(SQLiteExceptionQueries.row)
        }
    }

    public func exceptionGroups(_ grouping: ExceptionGrouping, query: ExceptionQuery,
                                now: Timestamp) throws(StoreError) -> [ExceptionGroup] {
        try readSnapshot { () throws(StoreError) in
            let shared = ExceptionQuerySQL(query: query, now: now, dialect: SQLiteExceptionQueries.dialect,
                                           textCandidates: try SQLiteQueueText.candidates(for: query, in: connection))
            // Open exceptions and no other filter: the counts kept per group.
            let (sql, parameters) = shared.filters().sql == ExceptionQuerySQL.openCondition
                ? (SQLiteQueueGroups.query, [.text(grouping.rawValue)]) : shared.groups(grouping)
            return try connection.statement(sql)
                .bind(SQLiteExceptionQueries.values(parameters))
                .rows { ExceptionGroup(key: $0.text(0), label: $0.text(1), count: Int($0.int64(2))) }
        }
    }

    public func exceptionRecord(id: String) throws(StoreError) -> ExceptionRecord? {
        try connection.exceptionRecord(id: id)
    }

    public func mappingSuggestion(for subject: RecordKey) throws(StoreError) -> RememberedMapping? {
        try connection.statement("""
            SELECT target_system, target_key, resolved_by, resolved_at, exception_id, seq FROM remembered_mappings
            WHERE source_system = ? AND source_key = ?
            """)
            .bind(.text(subject.system), .text(subject.key))
            .rows { row in
                RememberedMapping(target: RecordKey(system: row.text(0), key: row.text(1)),
                                  resolved: ActorStamp(by: row.text(2), at: Timestamp(microseconds: row.int64(3))),
                                  exceptionID: row.text(4), sequence: row.int64(5))
            }.first
    }

    public func perform(_ command: ExceptionCommand, on exceptionID: String, seenVersion: Int64, by actor: String,
                        now: Timestamp) throws(StoreError) -> [CanonicalEvent] {
        guard !isReadOnly else { throw .readOnly }
        try identity().authorize(actor)
        return try connection.transaction { () throws(StoreError) in
            let policy = try reprocessPolicy()
            guard let record = try connection.exceptionRecord(id: exceptionID) else { throw .notFound("exception \(exceptionID)") }
            var ids = RandomIdentifiers(prefix: "console-")
            let failedEventStored = try record.failedEventID.map { id throws(StoreError) in try eventExists(id: id) } ?? false
            let events: [CanonicalEvent]
            do throws(ExceptionActionError) {
                events = try ExceptionRules.decide(command, on: record, by: actor, seenVersion: seenVersion, policy: policy,
                                                   now: now, failedEventStored: failedEventStored, ids: &ids)
            } catch {
                throw StoreError(error)
            }
            return try write(events, ingestedAt: now)
        }
    }

    public func resolveAll(_ plan: BulkResolutionPlan, by actor: String, now: Timestamp) throws(StoreError) -> BulkResolutionReport {
        guard !isReadOnly else { throw .readOnly }
        try identity().authorize(actor)
        let run = BulkResolutionRun(plan: plan, actor: actor, now: now)
        return try connection.transaction { () throws(StoreError) in
            var current: [String: ExceptionRecord] = [:]
            for id in run.exceptionIDs { current[id] = try connection.exceptionRecord(id: id) }
            var outcome = run.decide(policy: try reprocessPolicy(), current: current)
            outcome.events = try write(outcome.events, ingestedAt: now)
            return outcome
        }
    }

    public func eventExists(id: String) throws(StoreError) -> Bool {
        try connection.statement("SELECT 1 FROM events WHERE event_id = ?").bind(.text(id)).rows { _ in true }.first ?? false
    }

    public func reprocessPolicy() throws(StoreError) -> ReprocessPolicy {
        ReprocessPolicy(settings: Dictionary(uniqueKeysWithValues: try connection.statement("SELECT key, value FROM settings")
            .rows { ($0.text(0), $0.text(1)) }))
    }

    /// Permitted to the owner of the store file (the OS user the store belongs to).
    public func setReprocessPolicy(_ policy: ReprocessPolicy, by actor: String, now: Timestamp) throws(StoreError) -> CanonicalEvent {
        guard !isReadOnly else { throw .readOnly }
        try identity().authorize(actor)
        return try connection.transaction { () throws(StoreError) in
            var ids = RandomIdentifiers(prefix: "console-")
            let current = try reprocessPolicy()
            let event: CanonicalEvent
            do throws(ExceptionActionError) {
                event = try PolicyRules.decide(policy, current: current, by: actor,
                                               permitted: SQLiteStoreOwner.isCurrentUser(ownerOf: displayName), now: now, ids: &ids)
            } catch {
                throw StoreError(error)
            }
            let written = try write([event], ingestedAt: now)
            try connection.statement("DELETE FROM settings WHERE key LIKE ?")
                .bind(.text(ReprocessPolicy.settingsKeyPrefix + "%")).run()
            for (key, value) in policy.settings {
                try connection.statement("INSERT INTO settings (key, value) VALUES (?, ?)").bind(.text(key), .text(value)).run()
            }
            return written.first ?? event
        }
    }

    public func reprocessRequests(outstandingOnly: Bool, limit: Int) throws(StoreError) -> [ReprocessRequestRow] {
        try connection.statement("""
            SELECT r.request_id, r.exception_id, r.failed_event_id, r.requested_by, r.requested_at, r.approved_by,
                   r.approved_at, r.outcome, r.message, r.completed_at,
                   COALESCE(e.state IN ('resolved', 'dismissed'), 0)
            FROM reprocess_requests r LEFT JOIN exceptions e ON e.exception_id = r.exception_id
            \(outstandingOnly ? "WHERE r.completed_at IS NULL AND COALESCE(e.state NOT IN ('resolved', 'dismissed'), 1)" : "")
            ORDER BY r.requested_at DESC, r.request_id LIMIT ?
            """)
            .bind(.integer(Int64(limit)))
            .rows { row in
                let approval = row.isNull(5) ? nil : ActorStamp(by: row.text(5), at: Timestamp(microseconds: row.int64(6)))
                let completion = row.isNull(9) ? nil : ReprocessRequest.Completion(
                    outcome: ReprocessOutcome(rawValue: row.text(7)) ?? .failed, message: row.isNull(8) ? nil : row.text(8),
                    at: Timestamp(microseconds: row.int64(9)))
                return ReprocessRequestRow(
                    request: ReprocessRequest(requestID: row.text(0), failedEventID: row.isNull(2) ? nil : row.text(2),
                                              requested: ActorStamp(by: row.text(3), at: Timestamp(microseconds: row.int64(4))),
                                              approval: approval, completion: completion),
                    exceptionID: row.text(1), exceptionClosed: row.int64(10) != 0)
            }
    }

    public func auditTrail(since: Timestamp?) throws(StoreError) -> [LoggedEvent] {
        try connection.statement("""
            SELECT seq, payload FROM events WHERE \(AuditChainSQL.chainedCondition) AND occurred_at >= ? ORDER BY seq
            """)
            .bind(.integer(since?.microseconds ?? .min))
            .rows { row throws(StoreError) in LoggedEvent(try StoredEvent(sequence: row.int64(0), payload: row.text(1))) }
    }

    public func verifyAudit() throws(StoreError) -> AuditVerification {
        try readSnapshot { () throws(StoreError) in
            let rows = try connection.statement("""
                SELECT \(AuditChainSQL.columns) FROM events WHERE \(AuditChainSQL.chainedCondition) ORDER BY seq
                """)
                .rows { row throws(StoreError) in
                    AuditRow(sequence: row.int64(0),
                             columns: AuditRow.Columns(eventID: row.text(1), type: row.text(2), source: row.text(4),
                                                       entityKey: row.text(6), correlationID: row.text(5),
                                                       occurredAt: row.int64(3)),
                             event: try StoredEvent(sequence: row.int64(0), payload: row.text(7)).event)
                }
            let head = try connection.statement("SELECT hash, seq FROM audit_head WHERE id = 1")
                .rows { AuditHead(hash: $0.text(0), sequence: $0.int64(1)) }.first
            return AuditChain.verify(rows, head: head)
        }
    }

    /// Writes decided console events through the ingest path (sealing, projections) inside the caller's transaction.
    private func write(_ events: [CanonicalEvent], ingestedAt: Timestamp) throws(StoreError) -> [CanonicalEvent] {
        var writer = SQLiteIngestWriter(connection: connection, ingestedAt: ingestedAt, admitting: false)
        try writer.write(contentsOf: events.map { .event($0, json: $0.jsonLine) })
        try writer.finish()
        return writer.sealedConsoleEvents
    }
}
