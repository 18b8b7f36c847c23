import SignalboxConsole
import SignalboxCore
import SignalboxStore
import XCTest

final class TrendSamplerTests: XCTestCase {
    private let asOf = Timestamp(epochSeconds: 1_790_000_000)

    func testExtractionPerSignal() {
        var signals = emptySignals()
        XCTAssertNil(TrendValue.of(.activation, in: signals))
        XCTAssertNil(TrendValue.of(.provisioning, in: signals))
        XCTAssertNil(TrendValue.of(.amendments, in: signals))
        XCTAssertEqual(TrendValue.of(.unbilled, in: signals), 0)
        XCTAssertEqual(TrendValue.of(.exceptions, in: signals), 0)

        signals.activation = ActivationLatency(latencies: [.seconds(10), .seconds(5400), .seconds(90_000)], pending: 0, oldestPending: nil)
        signals.provisioning = ProvisioningSignal(succeeded: 2, failed: 1, firstEvents: 0, firstPassed: 0)
        signals.amendments = AmendmentAccuracy(accurate: 199, mismatched: 0, pending: 1)
        var usd = UnbilledTime(), eur = UnbilledTime()
        usd[.upTo7] = UnbilledTotals(hours: decimal("10.25"), amount: decimal("1500"), entries: 2)
        usd[.over60] = UnbilledTotals(hours: decimal("2"), amount: decimal("300"), entries: 1)
        eur[.upTo30] = UnbilledTotals(hours: decimal("0.25"), amount: decimal("40"), entries: 1)
        signals.unbilled = ["USD": usd, "EUR": eur]
        signals.exceptions = ExceptionBacklog(openByKind: ["a": 2, "b": 3], oldestOpen: nil, raisedInWindow: 0, closedInWindow: 0)

        XCTAssertEqual(TrendValue.of(.activation, in: signals), 90_000)
        XCTAssertEqual(TrendValue.of(.provisioning, in: signals), 67, "2/3 → 66.67% → 67")
        XCTAssertEqual(TrendValue.of(.amendments, in: signals), 100, "199/200 = 99.5% rounds half away from zero")
        XCTAssertEqual(TrendValue.of(.unbilled, in: signals), 13, "12.5 hours over both currencies → 13")
        XCTAssertEqual(TrendValue.of(.exceptions, in: signals), 5)
        signals.reconciliation = ReconciliationFixtures.signal
        XCTAssertEqual(TrendValue.of(.reconciliation, in: signals), 12, "4 entries, 4 lines, 1 entry, 2 milestones, 1 contract")
    }

    func testUnits() {
        XCTAssertEqual(SignalKind.allCases.map { TrendValue.unit(of: $0).format(90) }, ["1m 30s", "90%", "90%", "90h", "90", "1m 30s", "1m 30s", "1m 30s", "90", "90"])
    }

    func testPlanInstantsAreStepBoundariesThenAsOf() {
        let plan = TrendSampler.Plan(points: 3, step: .seconds(3600), label: "3h hourly", kinds: [.exceptions])
        // 1_790_000_000 is 800 s past an hour: the closed buckets end on the two hours before it.
        XCTAssertEqual(plan.instants(endingAt: asOf), [Timestamp(epochSeconds: 1_789_995_600), Timestamp(epochSeconds: 1_789_999_200), asOf])
        let onTheHour = Timestamp(epochSeconds: 1_789_999_200)
        XCTAssertEqual(plan.instants(endingAt: onTheHour), [Timestamp(epochSeconds: 1_789_992_000), Timestamp(epochSeconds: 1_789_995_600), onTheHour],
                       "on a boundary the newest bucket is the hour that just ended")
        XCTAssertEqual(plan.instants(endingAt: Timestamp(epochSeconds: -1)), [Timestamp(epochSeconds: -7200), Timestamp(epochSeconds: -3600), Timestamp(epochSeconds: -1)],
                       "boundaries round down before the epoch too")
        XCTAssertEqual(TrendSampler.Plan(points: 0, step: .days(1), label: "", kinds: []).points, 1)
        XCTAssertEqual(TrendSampler.Plan(points: 1, step: .days(1), label: "", kinds: []).instants(endingAt: asOf), [asOf])
    }

    func testSamplingQueriesEachInstantWithAStepWindow() async throws {
        let recorder = QueryRecorder()
        let asOf = self.asOf
        let sampler = TrendSampler()
        let trends = try await sampler.sample(asOf: asOf, reusing: .empty, changes: .unknown) { instant, window, sections in
            await recorder.record(instant, window, sections)
            var signals = emptySignals(asOf: instant)
            let hoursBack = asOf.since(instant).seconds / 3600
            signals.exceptions = ExceptionBacklog(openByKind: ["k": Int(hoursBack)], oldestOpen: nil, raisedInWindow: 0, closedInWindow: 0)
            return signals
        }
        let queries = await recorder.queries
        XCTAssertEqual(queries.count, 48 + 30)
        XCTAssertEqual(Set(queries.prefix(48).map(\.window)), [.seconds(3600)])
        XCTAssertEqual(Set(queries.suffix(30).map(\.window)), [.days(1)])
        XCTAssertEqual(queries.last?.instant, asOf)
        XCTAssertEqual(Set(queries.prefix(48).map(\.sections.rawValue)), [SignalSections([.activationLatency, .provisioning, .exceptions, .throughput]).rawValue],
                       "the hourly buckets ask only for the hourly plan's sections")
        XCTAssertEqual(Set(queries.suffix(30).map(\.sections.rawValue)), [SignalSections([.amendmentAccuracy, .unbilledTime, .timeToInvoice, .resolutionTime, .invoiceToCash, .reconciliation]).rawValue],
                       "the daily buckets ask only for the daily plan's sections")

        XCTAssertEqual(Set(trends.trends.keys), Set(SignalKind.allCases))
        let exceptions = try XCTUnwrap(trends.trends[.exceptions])
        XCTAssertEqual(exceptions.values, (0..<47).reversed().map { Int64($0) } + [0], "oldest first; the newest hour ends at as-of")
        XCTAssertEqual(exceptions.periodLabel, "48h hourly")
        XCTAssertEqual(exceptions.unit, .count)
        XCTAssertEqual(trends.trends[.unbilled]?.values.count, 30)
        XCTAssertEqual(trends.trends[.unbilled]?.periodLabel, "30d daily")
        XCTAssertEqual(trends.trends[.activation]?.values, Array(repeating: nil, count: 48))
        XCTAssertEqual(trends.count, 47 + 29, "the closed buckets are kept, the moving newest ones are not")
    }

    func testASecondSamplingReadsOnlyTheNewestBucketOfEachPlan() async throws {
        let store = FakeSignals()
        let sampler = TrendSampler()
        let first = try await sampler.sample(asOf: asOf, reusing: .empty, changes: SignalChanges(position: 10, earliestChanged: nil), signals: store.query)
        let firstCount = await store.queries.count
        XCTAssertEqual(firstCount, 78)

        let later = asOf.adding(.seconds(600))   // the same hour and day
        await store.bump()
        let second = try await sampler.sample(asOf: later, reusing: first, changes: SignalChanges(position: 11, earliestChanged: later), signals: store.query)
        let newest = await store.queries.dropFirst(78).map(\.instant)
        XCTAssertEqual(newest, [later, later], "one query per plan: its newest bucket")
        XCTAssertEqual(second.position, 11)
        XCTAssertEqual(second.trends[.exceptions]?.values.dropLast(), first.trends[.exceptions]?.values.dropLast(), "closed hours reused")
        XCTAssertEqual(second.trends[.exceptions]?.values.last, 1, "the newest hour read again")
    }

    func testBucketsAtOrAfterTheEarliestChangeAreReadAgain() async throws {
        let store = FakeSignals()
        let sampler = TrendSampler(plans: [TrendSampler.Plan(points: 5, step: .seconds(3600), label: "5h", kinds: [.exceptions])])
        let first = try await sampler.sample(asOf: asOf, reusing: .empty, changes: SignalChanges(position: 1, earliestChanged: nil), signals: store.query)
        let boundaries = TrendSampler.Plan(points: 5, step: .seconds(3600), label: "", kinds: []).instants(endingAt: asOf)
        await store.bump()
        // A late event that occurred exactly at the third bucket's end: that bucket and the later ones change.
        let changes = SignalChanges(position: 2, earliestChanged: boundaries[2])
        let second = try await sampler.sample(asOf: asOf, reusing: first, changes: changes, signals: store.query)
        let reread = await store.queries.dropFirst(5).map(\.instant)
        XCTAssertEqual(reread, Array(boundaries[2...]))
        XCTAssertEqual(second.trends[.exceptions]?.values, [0, 0, 1, 1, 1])

        // A store that cannot tell what changed (or a first sampling) reuses nothing.
        await store.bump()
        let third = try await sampler.sample(asOf: asOf, reusing: second, changes: .unknown, signals: store.query)
        let afterUnknown = await store.queries.count
        XCTAssertEqual(afterUnknown, 5 + 3 + 5)
        XCTAssertEqual(third.trends[.exceptions]?.values, [2, 2, 2, 2, 2])
        let fourth = try await sampler.sample(asOf: asOf, reusing: third, changes: SignalChanges(position: 3, earliestChanged: nil), signals: store.query)
        let afterFourth = await store.queries.count
        XCTAssertEqual(afterFourth, 5 + 3 + 5 + 5, "the unknown position before it: nothing to reuse")
        XCTAssertEqual(fourth.trends[.exceptions]?.values, [2, 2, 2, 2, 2])
    }

    /// A sampling after which the store says nothing old changed, its log at `position`.
    private func quietSampling(_ sampler: TrendSampler, _ store: FakeSignals, reusing buckets: TrendBuckets,
                               position: Int64) async throws -> TrendBuckets {
        try await sampler.sample(asOf: asOf, reusing: buckets, changes: SignalChanges(position: position, earliestChanged: nil), signals: store.query)
    }

    func testABudgetReadsTheNewestClosedBucketsFirstAndLeavesTheRestToTheNextSamplings() async throws {
        let store = FakeSignals()
        await store.bump()
        let plan = TrendSampler.Plan(points: 20, step: .seconds(3600), label: "20h", kinds: [.exceptions])
        let sampler = TrendSampler(plans: [plan], closedBucketsPerSampling: 8)
        var buckets = TrendBuckets.empty
        var reads: [Int] = []
        for position in Int64(1)...4 {
            let before = await store.queries.count
            buckets = try await quietSampling(sampler, store, reusing: buckets, position: position)
            reads.append(await store.queries.count - before)
            if position == 1 {
                XCTAssertEqual(buckets.unread, 11, "19 closed buckets, 8 read")
                XCTAssertEqual(buckets.trends[.exceptions]?.values, Array(repeating: nil, count: 11) + Array(repeating: 1, count: 9),
                               "the newest first: the sparkline fills from the right")
            }
        }
        XCTAssertEqual(reads, [9, 9, 4, 1], "8 closed and the moving one, then the 3 left, then the moving one only")
        XCTAssertEqual(buckets.unread, 0)
        let whole = try await TrendSampler(plans: [plan]).sample(asOf: asOf, reusing: .empty, changes: .unknown, signals: store.query)
        XCTAssertEqual(buckets.trends, whole.trends, "once filled, the same series as one sampling without a budget")
    }

    func testABucketALateEventChangedShowsItsLastValueUntilItIsReadAgain() async throws {
        let store = FakeSignals()
        await store.bump()
        let plan = TrendSampler.Plan(points: 5, step: .seconds(3600), label: "5h", kinds: [.exceptions])
        let sampler = TrendSampler(plans: [plan], closedBucketsPerSampling: 1)
        var buckets = TrendBuckets.empty
        for position in Int64(1)...4 { buckets = try await quietSampling(sampler, store, reusing: buckets, position: position) }
        XCTAssertEqual(buckets.trends[.exceptions]?.values, [1, 1, 1, 1, 1])
        await store.bump()
        let boundaries = plan.instants(endingAt: asOf)
        buckets = try await sampler.sample(asOf: asOf, reusing: buckets, changes: SignalChanges(position: 5, earliestChanged: boundaries[0]),
                                           signals: store.query)
        XCTAssertEqual(buckets.trends[.exceptions]?.values, [1, 1, 1, 2, 2], "one closed bucket read again (the newest), the rest as they were")
        XCTAssertEqual(buckets.unread, 3)
    }
}

/// A store whose open count is the number of writes so far, whatever the instant.
private actor FakeSignals {
    var queries: [(instant: Timestamp, window: SignalDuration)] = []
    var writes = 0
    func bump() { writes += 1 }

    func signals(_ instant: Timestamp, _ window: SignalDuration) -> GoldenSignals {
        queries.append((instant, window))
        var signals = emptySignals(asOf: instant)
        signals.exceptions = ExceptionBacklog(openByKind: writes == 0 ? [:] : ["k": writes], oldestOpen: nil, raisedInWindow: 0, closedInWindow: 0)
        return signals
    }

    nonisolated func query(_ instant: Timestamp, _ window: SignalDuration, _ sections: SignalSections) async throws(StoreError) -> GoldenSignals {
        await signals(instant, window)
    }
}

/// Records the queries a sampler makes.
private actor QueryRecorder {
    var queries: [(instant: Timestamp, window: SignalDuration, sections: SignalSections)] = []
    func record(_ instant: Timestamp, _ window: SignalDuration, _ sections: SignalSections) {
        queries.append((instant, window, sections))
    }
}
