import SignalboxCore
import XCTest

/// Signal 8 of the reference calculator, hand-computed (golden-signals.md §8).
final class InvoiceToCashReferenceTests: XCTestCase {
    func testPartialPaymentsPayTheInvoiceWhenTheRunningSumReachesItsTotal() {
        var log = EventLog()
        log.add(.invoice("I1", total: "1000.00"), at: "2026-10-01T00:00:00Z")
        log.add(.payment("I1", "400.00"), at: "2026-10-10T00:00:00Z")
        log.add(.payment("I1", "599.99"), at: "2026-10-20T00:00:00Z")
        log.add(.payment("I1", "0.01"), at: "2026-10-26T00:00:00Z")
        log.add(.payment("I1", "50.00"), at: "2026-10-27T00:00:00Z")

        let signal = log.signals().invoiceToCash
        XCTAssertEqual(signal.latency, DurationSummary(durations: [.days(25)]))
        XCTAssertEqual(signal.outstanding, [:])
    }

    func testOutstandingIsTheTotalLessThePaymentsSoFarPerCurrency() {
        var log = EventLog()
        log.add(.invoice("I1", total: "1000.00"), at: "2026-10-01T00:00:00Z")
        log.add(.payment("I1", "400.00"), at: "2026-10-10T00:00:00Z")
        log.add(.payment("I1", "600.00"), at: "2026-11-02T00:00:00Z")
        log.add(.invoice("I2", total: "250.50"), at: "2026-10-02T00:00:00Z")
        log.add(.invoice("I3", total: "80.00", currency: "EUR"), at: "2026-10-03T00:00:00Z")
        log.add(.invoice("I4", total: "10.00"), at: "2026-11-01T00:00:00Z")

        let signal = log.signals().invoiceToCash
        XCTAssertEqual(signal.latency.count, 0)
        XCTAssertEqual(signal.outstanding, [
            "USD": OutstandingReceivables(invoices: 2, amount: decimal("850.50")),
            "EUR": OutstandingReceivables(invoices: 1, amount: decimal("80.00")),
        ])
    }

    func testPaymentsInAnotherCurrencyAreIgnored() {
        var log = EventLog()
        log.add(.invoice("I1", total: "100.00"), at: "2026-10-20T00:00:00Z")
        log.add(.payment("I1", "100.00", currency: "EUR"), at: "2026-10-25T00:00:00Z")
        log.add(.payment("I1", "30.00"), at: "2026-10-26T00:00:00Z")

        let signal = log.signals().invoiceToCash
        XCTAssertEqual(signal.latency.count, 0)
        XCTAssertEqual(signal.outstanding, ["USD": OutstandingReceivables(invoices: 1, amount: decimal("70.00"))])
    }

    func testPaymentsForAnInvoiceNeverPostedAreIgnored() {
        var log = EventLog()
        log.add(.payment("I9", "100.00"), at: "2026-10-25T00:00:00Z")
        log.add(.payment("I8", "100.00"), at: "2026-10-25T00:00:00Z")
        log.add(.invoice("I8", total: "100.00"), at: "2026-11-05T00:00:00Z")
        XCTAssertEqual(log.signals().invoiceToCash, .empty)
    }

    func testTheLatestPostingGivesTotalAndCurrencyAndTheEarliestTheStart() {
        var log = EventLog()
        log.add(.invoice("I1", total: "100.00"), at: "2026-10-01T00:00:00Z")
        log.add(.payment("I1", "100.00"), at: "2026-10-25T00:00:00Z")
        // Corrected to a larger total before the payment: the first payment no longer pays it.
        log.add(.invoice("I1", total: "150.00"), at: "2026-10-05T00:00:00Z")
        log.add(.payment("I1", "50.00"), at: "2026-10-28T00:00:00Z")
        // Corrected after T: not seen as of T.
        log.add(.invoice("I1", total: "900.00", currency: "EUR"), at: "2026-11-01T00:00:00Z")

        XCTAssertEqual(log.signals().invoiceToCash.latency, DurationSummary(durations: [.days(27)]))
    }

    func testAPaymentBeforeThePostingCountsAsZero() {
        var log = EventLog()
        log.add(.payment("I1", "100.00"), at: "2026-10-25T00:00:00Z")
        log.add(.invoice("I1", total: "100.00"), at: "2026-10-26T00:00:00Z")
        XCTAssertEqual(log.signals().invoiceToCash.latency, DurationSummary(durations: [.seconds(0)]))
    }

    func testPaymentsAreTakenInOccurredAtOrderNotArrivalOrder() {
        var log = EventLog()
        log.add(.invoice("I1", total: "100.00"), at: "2026-10-01T00:00:00Z")
        log.add(.payment("I1", "100.00"), at: "2026-10-26T00:00:00Z")
        log.add(.payment("I1", "100.00"), at: "2026-10-25T00:00:00Z")
        XCTAssertEqual(log.signals().invoiceToCash.latency.max, .days(24))
    }

    func testWindowEdgesOfThePaymentThatPays() {
        var log = EventLog()
        log.add(.invoice("I1", total: "1"), at: "2026-10-01T00:00:00Z")
        log.add(.payment("I1", "1"), at: windowStartText)
        log.add(.invoice("I2", total: "1"), at: "2026-10-01T00:00:00Z")
        log.add(.payment("I2", "1"), at: asOfText)
        log.add(.invoice("I3", total: "1"), at: "2026-10-01T00:00:00Z")
        log.add(.payment("I3", "1"), at: "2026-10-31T00:00:00.000001Z")

        let signal = log.signals().invoiceToCash
        XCTAssertEqual(signal.latency, DurationSummary(durations: [.days(30)]))
        XCTAssertEqual(signal.outstanding, ["USD": OutstandingReceivables(invoices: 1, amount: decimal("1"))])
    }
}
