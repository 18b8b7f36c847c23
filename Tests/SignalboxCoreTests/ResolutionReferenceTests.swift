import SignalboxCore
import XCTest

/// Signal 7 of the reference calculator, hand-computed (golden-signals.md §7).
final class ResolutionReferenceTests: XCTestCase {
    func testDurationRunsFromTheEarliestRaiseToTheEarliestClose() {
        var log = EventLog()
        log.add(.raise("X1", .postingFailed), at: "2026-10-24T10:00:00Z")
        log.add(.raise("X1", .postingFailed), at: "2026-10-20T10:00:00Z")
        log.add(.resolution("X1"), at: "2026-10-25T10:00:00Z")
        // A later dismissal does not change the first close.
        log.add(.dismissal("X1"), at: "2026-10-26T10:00:00Z")
        log.add(.raise("X2", .rateMismatch), at: "2026-10-25T00:00:00Z")
        log.add(.dismissal("X2"), at: "2026-10-25T01:00:00Z")

        let signal = log.signals().resolution
        XCTAssertEqual(signal.overall.count, 2)
        XCTAssertEqual(signal.overall.p50, .hours(1))
        XCTAssertEqual(signal.overall.p90, .days(5))
        XCTAssertEqual(signal.overall.max, .days(5))
        XCTAssertEqual(signal.resolved, 1)
        XCTAssertEqual(signal.dismissed, 1)
        XCTAssertEqual(signal.byKind, [
            "posting_failed": DurationSummary(durations: [.days(5)]),
            "rate_mismatch": DurationSummary(durations: [.hours(1)]),
        ])
    }

    func testCloseBeforeRaiseCountsAsZero() {
        var log = EventLog()
        log.add(.resolution("X1"), at: "2026-10-25T00:00:00Z")
        log.add(.raise("X1"), at: "2026-10-26T00:00:00Z")
        XCTAssertEqual(log.signals().resolution.overall, DurationSummary(durations: [.seconds(0)]))
    }

    func testAClosingWithoutARaiseByAsOfIsLeftOut() {
        var log = EventLog()
        log.add(.resolution("X1"), at: "2026-10-25T00:00:00Z")
        log.add(.raise("X1"), at: "2026-11-02T00:00:00Z")
        log.add(.dismissal("X2"), at: "2026-10-25T00:00:00Z")
        XCTAssertEqual(log.signals().resolution, .empty)
    }

    func testKindIsThatOfTheLatestRaiseAsOfT() {
        var log = EventLog()
        log.add(.raise("X1", .rateMismatch), at: "2026-10-20T00:00:00Z")
        log.add(.raise("X1", .postingFailed), at: "2026-10-21T00:00:00Z")
        log.add(.resolution("X1"), at: "2026-10-25T00:00:00Z")
        log.add(.raise("X1", .schemaViolation), at: "2026-11-01T00:00:00Z")
        XCTAssertEqual(Array(log.signals().resolution.byKind.keys), ["posting_failed"])
    }

    func testTheFirstCloseOfOneInstantIsTheEarlierArrival() {
        var log = EventLog()
        log.add(.raise("X1"), at: "2026-10-20T00:00:00Z")
        log.add(.dismissal("X1"), at: "2026-10-25T00:00:00Z")
        log.add(.resolution("X1"), at: "2026-10-25T00:00:00Z")
        let signal = log.signals().resolution
        XCTAssertEqual(signal.dismissed, 1)
        XCTAssertEqual(signal.resolved, 0)
    }

    func testPopulationIsTheClosesInTheWindow() {
        var log = EventLog()
        log.add(.raise("X1"), at: "2026-10-01T00:00:00Z")
        log.add(.resolution("X1"), at: windowStartText)
        log.add(.raise("X2"), at: "2026-10-01T00:00:00Z")
        log.add(.resolution("X2"), at: asOfText)
        log.add(.raise("X3"), at: "2026-10-01T00:00:00Z")
        log.add(.resolution("X3"), at: "2026-10-31T00:00:00.000001Z")
        // A late close of one already closed before the window does not bring it in.
        log.add(.raise("X4"), at: "2026-10-01T00:00:00Z")
        log.add(.resolution("X4"), at: "2026-10-27T00:00:00Z")
        log.add(.dismissal("X4"), at: "2026-10-02T00:00:00Z")

        let signal = log.signals().resolution
        XCTAssertEqual(signal.overall.count, 1)
        XCTAssertEqual(signal.overall.max, .days(30))
    }
}
