import SignalboxCore
import XCTest

/// Signal 6 of the reference calculator, hand-computed (golden-signals.md §6).
final class TimeToInvoiceReferenceTests: XCTestCase {
    func testLatencyRunsFromTheApprovalToTheFirstInvoiceNamingTheEntry() {
        var log = EventLog()
        log.add(.time("T1"), at: "2026-10-20T00:00:00Z")
        log.add(.invoice("I1", total: "1", billing: ["T1"]), at: "2026-10-25T06:00:00Z")
        // A second invoice naming the entry does not move I.
        log.add(.invoice("I2", total: "1", billing: ["T1"]), at: "2026-10-27T00:00:00Z")
        log.add(.time("T2"), at: "2026-10-26T00:00:00Z")
        log.add(.invoice("I3", total: "1", billing: ["T2"]), at: "2026-10-26T02:00:00Z")

        let signal = log.signals().timeToInvoice
        XCTAssertEqual(signal.count, 2)
        XCTAssertEqual(signal.p50, .hours(2))
        XCTAssertEqual(signal.p90, .hours(5 * 24 + 6))
        XCTAssertEqual(signal.max, .hours(5 * 24 + 6))
    }

    func testTheApprovalBilledIsTheLatestAtOrBeforeTheInvoiceEvenWhenReapprovedAfter() {
        var log = EventLog()
        log.add(.time("T1"), at: "2026-10-20T00:00:00Z")
        log.add(.time("T1"), at: "2026-10-22T00:00:00Z")
        log.add(.invoice("I1", total: "1", billing: ["T1"]), at: "2026-10-25T00:00:00Z")
        // Re-approved after the invoice: the invoice still billed the approval of the 22nd.
        log.add(.time("T1"), at: "2026-10-28T00:00:00Z")
        XCTAssertEqual(log.signals().timeToInvoice.max, .days(3))
    }

    func testAnApprovalAtTheInstantOfTheInvoiceCountsAsZero() {
        var log = EventLog()
        log.add(.invoice("I1", total: "1", billing: ["T1"]), at: "2026-10-25T00:00:00Z")
        log.add(.time("T1"), at: "2026-10-25T00:00:00Z")
        XCTAssertEqual(log.signals().timeToInvoice, DurationSummary(durations: [.seconds(0)]))
    }

    func testAnEntryApprovedOnlyAfterItsInvoiceIsLeftOut() {
        var log = EventLog()
        log.add(.invoice("I1", total: "1", billing: ["T1"]), at: "2026-10-25T00:00:00Z")
        log.add(.time("T1"), at: "2026-10-26T00:00:00Z")
        log.add(.invoice("I2", total: "1", billing: ["T2"]), at: "2026-10-25T00:00:00Z")
        XCTAssertEqual(log.signals().timeToInvoice.count, 0)
    }

    func testAnInvoiceBeforeTheStoredOneArrivingLateMovesIOutOfTheWindow() {
        var log = EventLog()
        log.add(.time("T1"), at: "2026-10-01T00:00:00Z")
        log.add(.invoice("I2", total: "1", billing: ["T1"]), at: "2026-10-25T00:00:00Z")
        log.add(.invoice("I1", total: "1", billing: ["T1"]), at: "2026-10-10T00:00:00Z")
        XCTAssertEqual(log.signals().timeToInvoice.count, 0)
    }

    func testWindowEdgesAreExclusiveAtTheStartAndInclusiveAtAsOf() {
        var log = EventLog()
        log.add(.time("T1"), at: "2026-10-01T00:00:00Z")
        log.add(.invoice("I1", total: "1", billing: ["T1"]), at: windowStartText)
        log.add(.time("T2"), at: "2026-10-01T00:00:00Z")
        log.add(.invoice("I2", total: "1", billing: ["T2"]), at: asOfText)
        log.add(.time("T3"), at: "2026-10-01T00:00:00Z")
        log.add(.invoice("I3", total: "1", billing: ["T3"]), at: "2026-10-31T00:00:00.000001Z")

        let signal = log.signals().timeToInvoice
        XCTAssertEqual(signal.count, 1)
        XCTAssertEqual(signal.max, .days(30))
    }

    func testAnEntryApprovedTwiceAtOneInstantCountsOnce() {
        var log = EventLog()
        log.add(.time("T1"), at: "2026-10-24T00:00:00Z")
        log.add(.time("T1", hours: "4"), at: "2026-10-24T00:00:00Z")
        log.add(.invoice("I1", total: "1", billing: ["T1", "T1"]), at: "2026-10-25T00:00:00Z")
        XCTAssertEqual(log.signals().timeToInvoice, DurationSummary(durations: [.days(1)]))
    }
}
