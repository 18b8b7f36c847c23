import SignalboxConsole
import SignalboxCore
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
    }

    func testUnits() {
        XCTAssertEqual(SignalKind.allCases.map { TrendValue.unit(of: $0).format(90) }, ["1m 30s", "90%", "90%", "90h", "90", "1m 30s", "1m 30s", "1m 30s", "90"])
    }

    func testPlanInstantsEndAtAsOf() {
        let plan = TrendSampler.Plan(points: 3, step: .seconds(3600), label: "3h hourly", kinds: [.exceptions])
        XCTAssertEqual(plan.instants(endingAt: asOf), [Timestamp(epochSeconds: 1_789_992_800), Timestamp(epochSeconds: 1_789_996_400), asOf])
        XCTAssertEqual(TrendSampler.Plan(points: 0, step: .days(1), label: "", kinds: []).points, 1)
    }

    func testSamplingQueriesEachInstantWithAStepWindow() async throws {
        let recorder = QueryRecorder()
        let asOf = self.asOf
        let sampler = TrendSampler()
        let trends = try await sampler.sample(asOf: asOf) { instant, window in
            await recorder.record(instant, window)
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

        XCTAssertEqual(Set(trends.keys), Set(SignalKind.allCases))
        let exceptions = try XCTUnwrap(trends[.exceptions])
        XCTAssertEqual(exceptions.values, (0..<48).reversed().map { Int64($0) }, "oldest first")
        XCTAssertEqual(exceptions.periodLabel, "48h hourly")
        XCTAssertEqual(exceptions.unit, .count)
        XCTAssertEqual(trends[.unbilled]?.values.count, 30)
        XCTAssertEqual(trends[.unbilled]?.periodLabel, "30d daily")
        XCTAssertEqual(trends[.activation]?.values, Array(repeating: nil, count: 48))
    }
}

/// Records the queries a sampler makes.
private actor QueryRecorder {
    var queries: [(instant: Timestamp, window: SignalDuration)] = []
    func record(_ instant: Timestamp, _ window: SignalDuration) { queries.append((instant, window)) }
}
