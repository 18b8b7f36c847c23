import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Computes the golden signals from the PostgreSQL projections, as of one instant over one window; the same
/// queries as the SQLite store's, so both agree to the cent and the microsecond. Where a projection's latest
/// value lies after `asOf`, the event log supplies the value as of `asOf`.
struct PostgresSignalQueries {
    let connection: PostgresConnection
    let logger: Logger
    let asOf: Timestamp
    let window: SignalDuration

    var t: Int64 { asOf.microseconds }
    var windowStart: Int64 { asOf.subtracting(window).microseconds }

    /// The signals of `sections`, running only their reads. With `helper` (a connection reading the same snapshot:
    /// ``PostgresStore/readSharedSnapshot(asOf:window:_:)``), §10.1 and §10.2 run there while the rest runs here:
    /// at 1M events they take about half of the server's time.
    func compute(_ sections: SignalSections, sharing helper: PostgresSignalQueries? = nil) async throws -> GoldenSignals {
        var signals = GoldenSignals(asOf: asOf, window: window, sections: sections)
        async let billing = sections.contains(.reconciliation) ? helper?.billingControls() : nil
        if sections.contains(.activationLatency) { signals.activation = try await activation() }
        if sections.contains(.provisioning) { signals.provisioning = try await provisioning() }
        if sections.contains(.amendmentAccuracy) { signals.amendments = try await amendments() }
        if sections.contains(.unbilledTime) { signals.unbilled = try await unbilled() }
        if sections.contains(.exceptions) { signals.exceptions = try await exceptions() }
        if sections.contains(.timeToInvoice) { signals.timeToInvoice = try await timeToInvoice() }
        if sections.contains(.resolutionTime) { signals.resolution = try await resolution() }
        if sections.contains(.invoiceToCash) { signals.invoiceToCash = try await invoiceToCash() }
        if sections.contains(.throughput) { signals.throughput = try await throughput() }
        if sections.contains(.reconciliation) {
            signals.reconciliation = try await reconciliation(billing: try await billing)
        }
        return signals
    }

    private func activation() async throws -> ActivationLatency {
        var latencies: [SignalDuration] = []
        for try await latency in try await rows("""
            SELECT activated_at - approved_at FROM contracts
            WHERE activated_at > \(windowStart) AND activated_at <= \(t) AND approved_at <= \(t)
            """).decode(Int64.self) {
            latencies.append(SignalDuration(microseconds: latency))
        }
        var pending = 0
        var oldest: Int64?
        for try await (count, earliest) in try await rows("""
            SELECT count(*), min(approved_at) FROM contracts
            WHERE approved_at <= \(t) AND (activated_at IS NULL OR activated_at > \(t))
            """).decode((Int, Int64?).self) {
            (pending, oldest) = (count, earliest)
        }
        return ActivationLatency(latencies: latencies, pending: pending,
                                 oldestPending: oldest.map { asOf.since(Timestamp(microseconds: $0)) })
    }

    private func provisioning() async throws -> ProvisioningSignal {
        var counts: [String: Int] = [:]
        for try await (type, count) in try await rows("""
            SELECT type, count(*) FROM events
            WHERE type IN ('project.provisioned', 'project.provisioning_failed')
              AND occurred_at > \(windowStart) AND occurred_at <= \(t)
            GROUP BY type
            """).decode((String, Int).self) {
            counts[type] = count
        }
        var first = (events: 0, passed: 0)
        for try await row in try await rows("""
            SELECT count(*), count(*) FILTER (WHERE first_provisioning_ok) FROM contracts
            WHERE first_provisioning_at > \(windowStart) AND first_provisioning_at <= \(t)
            """).decode((Int, Int).self) {
            first = row
        }
        return ProvisioningSignal(
            succeeded: counts[EventType.projectProvisioned.rawValue] ?? 0,
            failed: counts[EventType.projectProvisioningFailed.rawValue] ?? 0,
            firstEvents: first.events, firstPassed: first.passed
        )
    }

    private func amendments() async throws -> AmendmentAccuracy {
        AmendmentAccuracy(statuses: try await amendmentStatuses())
    }

    /// Every amendment in the window (the latest per contract and version) with how it propagated; with `contracts`,
    /// every amendment of those contracts up to T instead.
    func amendmentStatuses(ofContracts contracts: Set<String>? = nil) async throws -> [AmendmentStatus] {
        let query: PostgresQuery = if let contracts {
            """
            SELECT seq, payload FROM events
            WHERE type = 'contract.amended' AND entity_key = ANY(\(contracts.sorted())::text[]) AND occurred_at <= \(t)
            """
        } else {
            """
            SELECT seq, payload FROM events
            WHERE type = 'contract.amended' AND occurred_at > \(windowStart) AND occurred_at <= \(t)
            """
        }
        let amendments = try await storedEvents(query)
        let contractIDs = Array(Set(amendments.map(\.event.entityKey)))
        let applications = contractIDs.isEmpty ? [] : try await storedEvents("""
            SELECT seq, payload FROM events
            WHERE type = 'amendment.applied' AND entity_key = ANY(\(contractIDs)::text[]) AND occurred_at <= \(t)
            """)
        return AmendmentStatus.statuses(amendments: amendments, applications: applications)
    }

    private func unbilled() async throws -> [String: UnbilledTime] {
        var result: [String: UnbilledTime] = [:]
        // Entries whose latest approval is at or before T: the projection (its hourly sums where an hour's entries
        // share an age bucket) is the answer.
        for try await (currency, age, hours, amount, entries) in try await rows(
            PostgresUnbilledHours.unbilledAt(t, cuts: UnbilledHours.cutHours(asOf: asOf))
        ).decode((String, Int64, Int64, Int64, Int).self) {
            let totals = UnbilledTotals(hours: ExactDecimal(units: hours), amount: ExactDecimal(units: amount), entries: entries)
            let bucket = AgeBucket(ageInDays: age)
            result[currency, default: UnbilledTime()][bucket] = result[currency, default: UnbilledTime()][bucket] + totals
        }
        // Entries re-approved after T: their latest approval at or before T comes from the log.
        for stored in try await latestAsOfT(type: "time.approved", reapprovedSQL: """
            SELECT time_entry_id FROM time_entries WHERE (billed_at IS NULL OR billed_at > \(t)) AND approved_at > \(t)
            """) {
            guard case .timeApproved(let entry) = stored.event.payload else { continue }
            let bucket = AgeBucket(approvedAt: stored.event.occurredAt, asOf: asOf)
            result[entry.currency, default: UnbilledTime()][bucket].add(hours: entry.hours, amount: entry.amount)
        }
        return result
    }

    private func exceptions() async throws -> ExceptionBacklog {
        var openByKind: [String: Int] = [:]
        var oldest: Int64?
        // Open exceptions whose latest raise is at or before T: the projected kind is the answer.
        for try await (kind, count, earliest) in try await rows(PostgresOpenWork.openKindsAt(t)).decode((String, Int, Int64).self) {
            openByKind[kind, default: 0] += count
            oldest = min(oldest ?? earliest, earliest)
        }
        // Re-raised after T: the kind as of T comes from the log; the earliest raise from the projection.
        var raisedAt: [String: Int64] = [:]
        for try await (id, at) in try await rows(PostgresOpenWork.reraisedAfter(t)).decode((String, Int64).self) {
            raisedAt[id] = at
        }
        for stored in try await latestAsOfT(type: "exception.raised", ids: Array(raisedAt.keys)) {
            guard case .exceptionRaised(let raised) = stored.event.payload, let at = raisedAt[raised.exceptionID] else { continue }
            openByKind[raised.kind.rawValue, default: 0] += 1
            oldest = min(oldest ?? at, at)
        }
        let raisedInWindow = try await count("""
            SELECT count(*) FROM exceptions WHERE raised_at > \(windowStart) AND raised_at <= \(t)
            """)
        let closedInWindow = try await count("""
            SELECT count(*) FROM exceptions WHERE closed_at > \(windowStart) AND closed_at <= \(t) AND raised_at <= \(t)
            """)
        return ExceptionBacklog(openByKind: openByKind, oldestOpen: oldest.map { asOf.since(Timestamp(microseconds: $0)) },
                                raisedInWindow: raisedInWindow, closedInWindow: closedInWindow)
    }

    /// For the ids `reapprovedSQL` selects, the latest event of `type` at or before T.
    private func latestAsOfT(type: String, reapprovedSQL: PostgresQuery) async throws -> [StoredEvent] {
        var ids: [String] = []
        for try await id in try await rows(reapprovedSQL).decode(String.self) { ids.append(id) }
        return try await latestAsOfT(type: type, ids: ids)
    }

    /// For each entity in `ids`, its latest event of `type` at or before T (later `occurred_at`, then later arrival).
    func latestAsOfT(type: String, ids: [String]) async throws -> [StoredEvent] {
        guard !ids.isEmpty else { return [] }
        return try await storedEvents("""
            SELECT DISTINCT ON (entity_key) seq, payload FROM events
            WHERE type = \(type) AND entity_key = ANY(\(ids)::text[]) AND occurred_at <= \(t)
            ORDER BY entity_key, occurred_at DESC, seq DESC
            """)
    }

    func rows(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await connection.query(query, logger: logger)
    }

    func count(_ query: PostgresQuery) async throws -> Int {
        var result = 0
        for try await value in try await rows(query).decode(Int.self) { result = value }
        return result
    }

    func storedEvents(_ query: PostgresQuery) async throws -> [StoredEvent] {
        var events: [StoredEvent] = []
        for try await (sequence, payload) in try await rows(query).decode((Int64, String).self) {
            events.append(try StoredEvent(sequence: sequence, storedPayload: payload))
        }
        return events
    }
}
