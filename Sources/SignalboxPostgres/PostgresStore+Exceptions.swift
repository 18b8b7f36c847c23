import PostgresNIO
import SignalboxCore
import SignalboxStore

extension PostgresStore {
    public func exceptionRows(_ query: ExceptionQuery, now: Timestamp) async throws(StoreError) -> [ExceptionRow] {
        let (sql, parameters) = ExceptionQuerySQL(query: query, now: now, dialect: PostgresExceptionQueries.dialect).page()
        return try await withConnection(sql) { connection, logger in
            var rows: [ExceptionRow] = []
            for try await row in try await connection.query(PostgresExceptionQueries.query(sql, parameters), logger: logger) {
                rows.append(try PostgresExceptionQueries.row(row.makeRandomAccess()))
            }
            return rows
        }
    }

    public func exceptionGroups(_ grouping: ExceptionGrouping, query: ExceptionQuery,
                                now: Timestamp) async throws(StoreError) -> [ExceptionGroup] {
        let (sql, parameters) = ExceptionQuerySQL(query: query, now: now, dialect: PostgresExceptionQueries.dialect).groups(grouping)
        return try await withConnection(sql) { connection, logger in
            var groups: [ExceptionGroup] = []
            for try await (key, label, count) in try await connection.query(PostgresExceptionQueries.query(sql, parameters), logger: logger)
                .decode((String, String, Int64).self) {
                groups.append(ExceptionGroup(key: key, label: label, count: Int(count)))
            }
            return groups
        }
    }

    public func exceptionRecord(id: String) async throws(StoreError) -> ExceptionRecord? {
        try await withConnection { connection, logger in
            try await PostgresExceptionProjection(connection: connection, logger: logger).records(ids: [id]).first
        }
    }

    public func mappingSuggestion(for subject: RecordKey) async throws(StoreError) -> RememberedMapping? {
        try await withConnection { connection, logger in
            for try await (system, key, by, at, exceptionID, sequence) in try await connection.query("""
                SELECT target_system, target_key, resolved_by, resolved_at, exception_id, seq FROM remembered_mappings
                WHERE source_system = \(subject.system) AND source_key = \(subject.key)
                """, logger: logger).decode((String, String, String, Int64, String, Int64).self) {
                return RememberedMapping(target: RecordKey(system: system, key: key),
                                         resolved: ActorStamp(by: by, at: Timestamp(microseconds: at)),
                                         exceptionID: exceptionID, sequence: sequence)
            }
            return nil
        }
    }

    /// Decides and writes in one transaction that first locks the audit chain and then the exception's row
    /// (`SELECT … FOR UPDATE`), so consoles racing on one exception are serialised by the database: the second
    /// sees the first's events and is refused as stale, and the audit chain stays linear.
    public func perform(_ command: ExceptionCommand, on exceptionID: String, seenVersion: Int64, by actor: String,
                        now: Timestamp) async throws(StoreError) -> [CanonicalEvent] {
        try ensureWritable()
        return try await withTransaction { connection, logger in
            try await Self.act(on: exceptionID, now: now, connection: connection, logger: logger) { record, policy, failedEventStored in
                var ids = RandomIdentifiers(prefix: "console-")
                do throws(ExceptionActionError) {
                    return try ExceptionRules.decide(command, on: record, by: actor, seenVersion: seenVersion, policy: policy,
                                                     now: now, failedEventStored: failedEventStored, ids: &ids)
                } catch {
                    throw StoreError(error)
                }
            }
        }
    }

    /// One transaction: takes the audit chain's lock, then the confirmed exceptions' rows in id order (so two writers
    /// never wait on each other crosswise), reads them, decides each against the version the person saw, and
    /// writes the events of those that pass.
    public func resolveAll(_ plan: BulkResolutionPlan, by actor: String, now: Timestamp) async throws(StoreError) -> BulkResolutionReport {
        try ensureWritable()
        let run = BulkResolutionRun(plan: plan, actor: actor, now: now)
        let ids = run.exceptionIDs.sorted()
        return try await withTransaction { connection, logger in
            try await PostgresEventWriter.lockAuditChain(connection, logger: logger)
            try await connection.query("""
                SELECT 1 FROM exceptions WHERE exception_id = ANY(\(ids)::text[]) ORDER BY exception_id FOR UPDATE
                """, logger: logger)
            let records = try await PostgresExceptionProjection(connection: connection, logger: logger).records(ids: ids)
            var outcome = run.decide(policy: try await Self.policy(connection: connection, logger: logger),
                                     current: Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
            if !outcome.events.isEmpty {
                outcome.events = try await PostgresEventWriter(connection: connection, logger: logger, ingestedAt: now.microseconds)
                    .write(events: outcome.events.map { ($0, $0.jsonLine) }, rejected: []).sealedConsoleEvents
            }
            return outcome
        }
    }

    /// Locks the audit chain then the exception row (the order every writer of console events uses), folds the
    /// exception, lets `decide` choose the events under the stored policy, and writes them; returns them as sealed.
    private static func act(
        on exceptionID: String, now: Timestamp, connection: PostgresConnection, logger: Logger,
        decide: (ExceptionRecord, ReprocessPolicy, _ failedEventStored: Bool) throws -> [CanonicalEvent]
    ) async throws -> [CanonicalEvent] {
        try await PostgresEventWriter.lockAuditChain(connection, logger: logger)
        var locked = false
        for try await _ in try await connection.query("""
            SELECT 1 FROM exceptions WHERE exception_id = \(exceptionID) FOR UPDATE
            """, logger: logger) {
            locked = true
        }
        guard locked, let record = try await PostgresExceptionProjection(connection: connection, logger: logger)
            .records(ids: [exceptionID]).first else { throw StoreError.notFound("exception \(exceptionID)") }
        var failedEventStored = false
        if let failedEventID = record.failedEventID {
            failedEventStored = try await eventExists(id: failedEventID, connection: connection, logger: logger)
        }
        let events = try decide(record, try await policy(connection: connection, logger: logger), failedEventStored)
        guard !events.isEmpty else { return [] }
        return try await PostgresEventWriter(connection: connection, logger: logger, ingestedAt: now.microseconds)
            .write(events: events.map { ($0, $0.jsonLine) }, rejected: []).sealedConsoleEvents
    }

    public func eventExists(id: String) async throws(StoreError) -> Bool {
        try await withConnection { connection, logger in try await Self.eventExists(id: id, connection: connection, logger: logger) }
    }

    private static func eventExists(id: String, connection: PostgresConnection, logger: Logger) async throws -> Bool {
        for try await _ in try await connection.query("SELECT 1 FROM events WHERE event_id = \(id)", logger: logger) { return true }
        return false
    }

    public func reprocessPolicy() async throws(StoreError) -> ReprocessPolicy {
        try await withConnection { connection, logger in try await Self.policy(connection: connection, logger: logger) }
    }

    private static func policy(connection: PostgresConnection, logger: Logger) async throws -> ReprocessPolicy {
        var settings: [String: String] = [:]
        for try await (key, value) in try await connection.query("SELECT key, value FROM settings", logger: logger)
            .decode((String, String).self) {
            settings[key] = value
        }
        return ReprocessPolicy(settings: settings)
    }

    /// Permitted to members of the approver role and to the store's owner (the owner of `events`); locks the
    /// audit chain's lock first, as every writer of sealed events does.
    public func setReprocessPolicy(_ policy: ReprocessPolicy, by actor: String, now: Timestamp) async throws(StoreError) -> CanonicalEvent {
        try ensureWritable()
        let rows = policy.settings
        return try await withTransaction { connection, logger in
            try await PostgresEventWriter.lockAuditChain(connection, logger: logger)
            var permitted = false
            for try await allowed in try await connection.query("""
                SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(PostgresRoles.approver)
                                 AND pg_has_role(current_user, oid, 'MEMBER'))
                    OR EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'events'
                                 AND tableowner = current_user)
                """, logger: logger).decode(Bool.self) {
                permitted = allowed
            }
            var ids = RandomIdentifiers(prefix: "console-")
            let current = try await Self.policy(connection: connection, logger: logger)
            let event: CanonicalEvent
            do throws(ExceptionActionError) {
                event = try PolicyRules.decide(policy, current: current, by: actor, permitted: permitted, now: now, ids: &ids)
            } catch {
                throw StoreError(error)
            }
            let written = try await PostgresEventWriter(connection: connection, logger: logger, ingestedAt: now.microseconds)
                .write(events: [(event, event.jsonLine)], rejected: []).sealedConsoleEvents
            try await connection.query("DELETE FROM settings WHERE key LIKE \(ReprocessPolicy.settingsKeyPrefix + "%")",
                                       logger: logger)
            try await connection.query("""
                INSERT INTO settings (key, value) SELECT * FROM unnest(\(rows.map(\.key))::text[], \(rows.map(\.value))::text[])
                """, logger: logger)
            return written.first ?? event
        }
    }

    public func reprocessRequests(outstandingOnly: Bool, limit: Int) async throws(StoreError) -> [ReprocessRequestRow] {
        try await withConnection { connection, logger in
            var requests: [ReprocessRequestRow] = []
            let rows = try await connection.query("""
                SELECT r.request_id, r.exception_id, r.failed_event_id, r.requested_by, r.requested_at, r.approved_by,
                       r.approved_at, r.outcome, r.message, r.completed_at,
                       COALESCE(e.state IN ('resolved', 'dismissed'), false)
                FROM reprocess_requests r LEFT JOIN exceptions e ON e.exception_id = r.exception_id
                WHERE (r.completed_at IS NULL AND COALESCE(e.state NOT IN ('resolved', 'dismissed'), true))
                      OR NOT \(outstandingOnly)
                ORDER BY r.requested_at DESC, r.request_id COLLATE "C" LIMIT \(Int64(max(limit, 0)))
                """, logger: logger)
            for try await (requestID, exceptionID, failedEventID, requestedBy, requestedAt, approvedBy, approvedAt,
                           outcome, message, completedAt, closed)
                in rows.decode((String, String, String?, String, Int64, String?, Int64?, String?, String?, Int64?, Bool).self) {
                let approval = zip(approvedBy, approvedAt).map { ActorStamp(by: $0, at: Timestamp(microseconds: $1)) }
                let completion = completedAt.map {
                    ReprocessRequest.Completion(outcome: outcome.flatMap(ReprocessOutcome.init(rawValue:)) ?? .failed,
                                                message: message, at: Timestamp(microseconds: $0))
                }
                requests.append(ReprocessRequestRow(
                    request: ReprocessRequest(requestID: requestID, failedEventID: failedEventID,
                                              requested: ActorStamp(by: requestedBy, at: Timestamp(microseconds: requestedAt)),
                                              approval: approval, completion: completion),
                    exceptionID: exceptionID, exceptionClosed: closed))
            }
            return requests
        }
    }

    public func auditTrail(since: Timestamp?) async throws(StoreError) -> [LoggedEvent] {
        let rows = try await withConnection { connection, logger in
            var rows: [(Int64, String)] = []
            let sql = "SELECT seq, payload FROM events WHERE \(AuditChainSQL.chainedCondition) AND occurred_at >= $1 ORDER BY seq"
            var bindings = PostgresBindings()
            bindings.append(since?.microseconds ?? .min)
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
                .decode((Int64, String).self) {
                rows.append(row)
            }
            return rows
        }
        var events: [LoggedEvent] = []
        for (sequence, payload) in rows {
            let stored = try StoredEvent(sequence: sequence, storedPayload: payload)
            events.append(LoggedEvent(sequence: stored.sequence, event: stored.event))
        }
        return events
    }

    /// Checks the chain over the rows as stored (one snapshot of the log and of the head kept beside it).
    public func verifyAudit() async throws(StoreError) -> AuditVerification {
        typealias Row = (Int64, String, String, Int64, String, String, String, String)
        let (rows, head) = try await withTransaction { connection, logger in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            var rows: [Row] = []
            let sql = "SELECT \(AuditChainSQL.columns) FROM events WHERE \(AuditChainSQL.chainedCondition) ORDER BY seq"
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                .decode(Row.self) {
                rows.append(row)
            }
            var head: AuditHead?
            for try await (hash, sequence) in try await connection.query("SELECT hash, seq FROM audit_head WHERE id = 1",
                                                                         logger: logger).decode((String, Int64).self) {
                head = AuditHead(hash: hash, sequence: sequence)
            }
            return (rows, head)
        }
        var auditRows: [AuditRow] = []
        for row in rows {
            let columns = AuditRow.Columns(eventID: row.1, type: row.2, source: row.4, entityKey: row.6,
                                           correlationID: row.5, occurredAt: row.3)
            auditRows.append(AuditRow(sequence: row.0, columns: columns,
                                      event: try StoredEvent(sequence: row.0, storedPayload: row.7).event))
        }
        // A store whose head is still the genesis row written by the schema has no link to compare it with.
        let kept = head.flatMap { $0.sequence == 0 && $0.hash == AuditChain.genesisHash ? nil : $0 }
        return AuditChain.verify(auditRows, head: kept)
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
