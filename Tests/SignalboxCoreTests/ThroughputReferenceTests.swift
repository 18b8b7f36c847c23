import SignalboxCore
import XCTest

/// Signal 9 of the reference calculator, hand-computed (golden-signals.md §9).
final class ThroughputReferenceTests: XCTestCase {
    func testEventsInTheWindowAreCountedOncePerSource() {
        var log = EventLog()
        log.add(.time("T1"), at: "2026-10-25T00:00:00Z", id: "a", source: .psa)
        log.add(.time("T1"), at: "2026-10-25T00:00:00Z", id: "a", source: .psa)
        log.add(.time("T2"), at: asOfText, source: .psa)
        log.add(.invoice("I1", total: "1"), at: "2026-10-26T00:00:00Z", source: .erp)
        log.add(.raise("X1"), at: windowStartText, source: .middleware)
        log.add(.raise("X2"), at: "2026-10-31T00:00:00.000001Z", source: .middleware)

        let signal = log.signals().throughput
        XCTAssertEqual(signal.events, 3)
        XCTAssertEqual(signal.bySource, ["PSA": 2, "ERP": 1])
    }

    func testADuplicateAfterAsOfStillHidesALaterCopy() {
        var log = EventLog()
        log.add(.time("T1"), at: "2026-11-05T00:00:00Z", id: "a", source: .psa)
        log.add(.time("T1"), at: "2026-10-25T00:00:00Z", id: "a", source: .psa)
        XCTAssertEqual(log.signals().throughput, .empty)
    }
}
