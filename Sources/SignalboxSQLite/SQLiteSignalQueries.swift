import SignalboxCore
import SignalboxStore

/// Computes the golden signals from the SQLite projections, as of one instant over one window.
///
/// The projections hold earliest/latest values over all time; where the latest value lies after
/// `asOf`, the queries fall back to the event log so that any as-of time is exact.
struct SQLiteSignalQueries {
    let connection: SQLiteConnection
    let asOf: Timestamp
    let window: SignalDuration

    var t: SQLiteValue { .integer(asOf.microseconds) }
    var windowStart: SQLiteValue { .integer(asOf.subtracting(window).microseconds) }

    /// The signals of `sections`, running only their reads.
    func compute(_ sections: SignalSections) throws(StoreError) -> GoldenSignals {
        var signals = GoldenSignals(asOf: asOf, window: window, sections: sections)
        if sections.contains(.activationLatency) { signals.activation = try activation() }
        if sections.contains(.provisioning) { signals.provisioning = try provisioning() }
        if sections.contains(.amendmentAccuracy) { signals.amendments = AmendmentAccuracy(statuses: try amendmentStatuses()) }
        if sections.contains(.unbilledTime) { signals.unbilled = try unbilled() }
        if sections.contains(.exceptions) { signals.exceptions = try exceptions() }
        if sections.contains(.timeToInvoice) { signals.timeToInvoice = try timeToInvoice() }
        if sections.contains(.resolutionTime) { signals.resolution = try resolution() }
        if sections.contains(.invoiceToCash) { signals.invoiceToCash = try invoiceToCash() }
        if sections.contains(.throughput) { signals.throughput = try throughput() }
        if sections.contains(.reconciliation) {
            signals.reconciliation = try reconciliation()
        }
        return signals
    }

    private func activation() throws(StoreError) -> ActivationLatency {
        let latencies = try connection.statement("""
            SELECT activated_at - approved_at FROM contracts
            WHERE activated_at > ?1 AND activated_at <= ?2 AND approved_at <= ?2
            """)
            .bind(windowStart, t)
            .rows { SignalDuration(microseconds: $0.int64(0)) }
        // Two ranges of the activation index (never activated; activated after T) instead of every contract approved
        // by T, which is what the planner picks for the second without statistics.
        let pending = try connection.statement("""
            SELECT sum(n), min(oldest) FROM (
                SELECT count(*) AS n, min(approved_at) AS oldest FROM contracts WHERE activated_at IS NULL AND approved_at <= ?1
                UNION ALL
                SELECT count(*), min(approved_at) FROM contracts INDEXED BY contracts_by_activation
                WHERE activated_at > ?1 AND approved_at <= ?1)
            """)
            .bind(t)
            .rows { row in (count: Int(row.int64(0)), oldest: row.optionalInt64(1)) }[0]
        return ActivationLatency(
            latencies: latencies, pending: pending.count,
            oldestPending: pending.oldest.map { asOf.since(Timestamp(microseconds: $0)) }
        )
    }

    private func provisioning() throws(StoreError) -> ProvisioningSignal {
        // One count per type, with the type as a literal so its partial index serves the range.
        var counts: [EventType: Int] = [:]
        for type in [EventType.projectProvisioned, .projectProvisioningFailed] {
            counts[type] = try connection.statement("""
                SELECT count(*) FROM events WHERE type = '\(type.rawValue)' AND occurred_at > ?1 AND occurred_at <= ?2
                """)
                .bind(windowStart, t)
                .rows { Int($0.int64(0)) }[0]
        }
        let first = try connection.statement("""
            SELECT count(*), coalesce(sum(first_provisioning_ok), 0) FROM contracts
            WHERE first_provisioning_at > ?1 AND first_provisioning_at <= ?2
            """)
            .bind(windowStart, t)
            .rows { row in (events: Int(row.int64(0)), passed: Int(row.int64(1))) }[0]
        return ProvisioningSignal(
            succeeded: counts[.projectProvisioned] ?? 0,
            failed: counts[.projectProvisioningFailed] ?? 0,
            firstEvents: first.events, firstPassed: first.passed
        )
    }

    private func exceptions() throws(StoreError) -> ExceptionBacklog {
        var openByKind: [String: Int] = [:]
        var oldest: Int64?
        // Open exceptions whose latest raise is at or before T: the projected kind is the answer.
        let groups = try connection.statement(constant: Self.openKindsAtT)
            .bind(t)
            .rows { row in (kind: row.text(0), count: Int(row.int64(1)), oldest: row.int64(2)) }
        for group in groups {
            openByKind[group.kind, default: 0] += group.count
            oldest = min(oldest ?? group.oldest, group.oldest)
        }
        // Re-raised after T: the kind as of T is that of the latest raise at or before T, from the typed raises.
        let reraised = try connection.statement(Self.reraisedKindsAsOfT)
            .bind(t)
            .rows { row in (raisedAt: row.int64(0), kind: row.isNull(1) ? nil : row.text(1)) }
        for exception in reraised {
            guard let kind = exception.kind else { continue }
            openByKind[kind, default: 0] += 1
            oldest = min(oldest ?? exception.raisedAt, exception.raisedAt)
        }
        let raisedInWindow = try connection.statement("SELECT count(*) FROM exceptions WHERE raised_at > ?1 AND raised_at <= ?2")
            .bind(windowStart, t).rows { Int($0.int64(0)) }[0]
        let closedInWindow = try connection.statement("""
            SELECT count(*) FROM exceptions WHERE closed_at > ?1 AND closed_at <= ?2 AND raised_at <= ?2
            """)
            .bind(windowStart, t).rows { Int($0.int64(0)) }[0]
        return ExceptionBacklog(
            openByKind: openByKind, oldestOpen: oldest.map { asOf.since(Timestamp(microseconds: $0)) },
            raisedInWindow: raisedInWindow, closedInWindow: closedInWindow
        )
    }

    /// Per kind, the exceptions open at T (`?1`) whose projected kind holds at T, with the earliest raise among them:
    /// those no closing has reached, walked kind by kind in their own index (schema 21), and those closed after T, a
    /// range of the closing index. Open work and what changed after T, not every exception raised by T.
    static let openKindsAtT: StaticString = """
        SELECT kind, count(*), min(raised_at) FROM exceptions INDEXED BY exceptions_unclosed_by_kind
        WHERE closed_at IS NULL AND raised_at <= ?1 AND kind_at <= ?1 GROUP BY kind
        UNION ALL
        SELECT kind, count(*), min(raised_at) FROM exceptions INDEXED BY exceptions_by_close
        WHERE closed_at > ?1 AND raised_at <= ?1 AND kind_at <= ?1 GROUP BY kind
        """

    /// The exceptions open at T (`?1`) and raised again after it, each with its first raise's time and its kind as of
    /// T: that of its latest raise at or before T, from a range of `exception_raises` (schema 18). Both halves are
    /// ranges after T: of the unclosed exceptions by their kind's last change (schema 21), and of the closing index.
    static let reraisedKindsAsOfT = [
        (index: "exceptions_unclosed_by_kind_change", open: "e.closed_at IS NULL"),
        (index: "exceptions_by_close", open: "e.closed_at > ?1"),
    ].map { half in
        """
        SELECT e.raised_at, (SELECT r.kind FROM exception_raises r WHERE r.exception_id = e.exception_id AND r.occurred_at <= ?1
                             ORDER BY r.occurred_at DESC, r.seq DESC LIMIT 1)
        FROM exceptions e INDEXED BY \(half.index)
        WHERE \(half.open) AND e.kind_at > ?1 AND e.raised_at <= ?1
        """
    }.joined(separator: "\nUNION ALL\n")

    func storedEvents(type: EventType, from start: SQLiteValue, through end: SQLiteValue) throws(StoreError) -> [StoredEvent] {
        // The type is a literal (an enumeration's raw value) so the type's partial index is used.
        try connection.statement("SELECT seq, payload FROM events WHERE type = '\(type.rawValue)' AND occurred_at > ?1 AND occurred_at <= ?2")
            .bind(start, end)
            .rows { row throws(StoreError) in try StoredEvent(sequence: row.int64(0), payload: row.text(1)) }
    }

    /// The events of one type about one entity (not time approvals: see ``timeApprovals(sequences:through:)``).
    func storedEvents(type: EventType, entityKey: String, through end: SQLiteValue) throws(StoreError) -> [StoredEvent] {
        // The type is a literal: a parameter compared with `type`, which the partial indexes' conditions name, would
        // make SQLite re-prepare the statement at every call.
        try connection.statement("""
            SELECT seq, payload FROM events WHERE type = '\(type.rawValue)' AND entity_key = ?1 AND \(SQLiteSchema.entityIndexed) AND occurred_at <= ?2
            """)
            .bind(.text(entityKey), end)
            .rows { row throws(StoreError) in try StoredEvent(sequence: row.int64(0), payload: row.text(1)) }
    }

    /// SQL for the `seq` of the latest approval at or before `end` of the time entry `entry` (both SQL expressions), as
    /// the time-entry projection sees it: of the entry's typed approvals (§10's `time_approvals`), the latest by time,
    /// then by arrival. Since schema 20 the companion keeps them beside the entries, so a reader's snapshot of it
    /// holds exactly the approvals it has applied (the ones the entries' `approval_seqs` list).
    static func latestAppliedApproval(of entry: String, through end: String) -> String {
        """
        (SELECT b.seq FROM time_approvals b
         WHERE b.time_entry_id = \(entry) AND b.occurred_at <= \(end)
         ORDER BY b.occurred_at DESC, b.seq DESC LIMIT 1)
        """
    }

    /// A time entry's approvals at or before `end`, found by the sequence numbers its projection row lists.
    func timeApprovals(sequences: String, through end: SQLiteValue) throws(StoreError) -> [StoredEvent] {
        var approvals: [StoredEvent] = []
        for sequence in sequences.split(separator: ",").compactMap({ Int64($0) }) {
            approvals += try connection.statement("SELECT seq, payload FROM events WHERE seq = ?1 AND occurred_at <= ?2")
                .bind(.integer(sequence), end)
                .rows { row throws(StoreError) in try StoredEvent(sequence: row.int64(0), payload: row.text(1)) }
        }
        return approvals
    }
}
