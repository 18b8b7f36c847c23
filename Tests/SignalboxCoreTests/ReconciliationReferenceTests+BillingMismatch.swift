import SignalboxCore
import XCTest

/// §10.2 billing mismatch, hand-computed: what each invoice posted in the window billed for an entry against its approval.
final class BillingMismatchReferenceTests: XCTestCase {
    private let approvedEarlier = "2026-10-01T00:00:00Z"
    private let postedInWindow = "2026-10-28T00:00:00Z"

    private func mismatches(_ log: EventLog) -> [String: BillingMismatchRow] {
        Dictionary(uniqueKeysWithValues: log.reconciliationRows().billingMismatch.map { ($0.invoiceID + "/" + $0.timeEntryID, $0) })
    }

    func testOverUnderCurrencyAndUnapprovedPairs() {
        var log = EventLog()
        for entry in ["OVER", "UNDER", "EQUAL", "CURRENCY"] { log.add(.entry(entry, amount: "1200"), at: approvedEarlier) }
        log.add(.entry("APPROVED-AFTER-T", amount: "300"), at: "2026-11-02T00:00:00Z")
        log.add(.posted("INV1", lines: [("OVER", "1250"), ("UNDER", "1100"), ("EQUAL", "1200"), ("NEVER", "600"),
                                        ("APPROVED-AFTER-T", "300")]), at: postedInWindow)
        log.add(.posted("INV2", currency: "EUR", lines: [("CURRENCY", "1200")]), at: postedInWindow)
        let rows = mismatches(log)
        XCTAssertEqual(Set(rows.keys), ["INV1/OVER", "INV1/UNDER", "INV1/NEVER", "INV1/APPROVED-AFTER-T", "INV2/CURRENCY"])
        XCTAssertEqual(rows["INV1/OVER"]?.direction, .over)
        XCTAssertEqual(rows["INV1/OVER"]?.amount, decimal("50"))
        XCTAssertEqual(rows["INV1/UNDER"]?.direction, .under)
        XCTAssertEqual(rows["INV1/UNDER"]?.amount, decimal("100"))
        XCTAssertEqual(rows["INV1/NEVER"]?.direction, .unapproved)
        XCTAssertEqual(rows["INV1/APPROVED-AFTER-T"]?.direction, .unapproved)
        XCTAssertEqual(rows["INV2/CURRENCY"]?.direction, .currency)
        XCTAssertEqual(rows["INV2/CURRENCY"]?.approvedCurrency, "USD")
        XCTAssertEqual(rows["INV2/CURRENCY"]?.amount, .zero)

        let signal = log.reconciliation().billingMismatch
        XCTAssertEqual(signal["USD"]?.lines, 2)
        XCTAssertEqual(signal["USD"]?.overAmount, decimal("50"))
        XCTAssertEqual(signal["USD"]?.underAmount, decimal("100"))
        XCTAssertEqual(signal["USD"]?.unapprovedLines, 2)
        XCTAssertEqual(signal["USD"]?.unapprovedAmount, decimal("900"))
        XCTAssertEqual(signal["EUR"]?.lines, 1)
        XCTAssertEqual(signal["EUR"]?.overAmount, .zero)
        XCTAssertEqual(signal["EUR"]?.unapprovedLines, 0)
    }

    func testTheLatestApprovalDecidesTheApprovedAmountEvenWhenItFollowsTheInvoice() {
        var log = EventLog()
        log.add(.entry("CUT", amount: "1200"), at: approvedEarlier)
        log.add(.entry("RAISED", amount: "1000"), at: approvedEarlier)
        log.add(.posted("INV1", lines: [("CUT", "1200"), ("RAISED", "1200")]), at: postedInWindow)
        log.add(.entry("CUT", amount: "1000"), at: "2026-10-29T00:00:00Z")
        log.add(.entry("RAISED", amount: "1200"), at: "2026-10-30T00:00:00Z")
        let rows = mismatches(log)
        XCTAssertEqual(Set(rows.keys), ["INV1/CUT"])
        XCTAssertEqual(rows["INV1/CUT"]?.approvedAmount, decimal("1000"))
        XCTAssertEqual(rows["INV1/CUT"]?.amount, decimal("200"))
    }

    /// The latest posting's lines count; the posting time stays the earliest posting's.
    func testAnInvoiceRepostedWithCorrectedLinesIsJudgedByItsLatestPostingAtItsFirstPostingTime() {
        var log = EventLog()
        for entry in ["A", "B", "C", "D"] { log.add(.entry(entry, amount: "1200"), at: approvedEarlier) }
        log.add(.posted("BEFORE-WINDOW", lines: [("A", "1250")]), at: "2026-10-20T00:00:00Z")
        log.add(.posted("BEFORE-WINDOW", lines: [("A", "1300")]), at: postedInWindow)
        log.add(.posted("CORRECTED", lines: [("B", "1250")]), at: "2026-10-26T00:00:00Z")
        log.add(.posted("CORRECTED", lines: [("B", "1200")]), at: "2026-10-27T00:00:00Z")
        log.add(.posted("WORSENED", lines: [("C", "1200")]), at: "2026-10-26T00:00:00Z")
        log.add(.posted("WORSENED", lines: [("C", "1300")]), at: "2026-10-27T00:00:00Z")
        log.add(.posted("CORRECTED-AFTER-T", lines: [("D", "1300")]), at: "2026-10-26T00:00:00Z")
        log.add(.posted("CORRECTED-AFTER-T", lines: [("D", "1200")]), at: "2026-11-02T00:00:00Z")
        let rows = mismatches(log)
        XCTAssertEqual(Set(rows.keys), ["WORSENED/C", "CORRECTED-AFTER-T/D"])
        XCTAssertEqual(rows["WORSENED/C"]?.postedAt, timestamp("2026-10-26T00:00:00Z"))
        XCTAssertEqual(rows["WORSENED/C"]?.amount, decimal("100"))
        XCTAssertEqual(rows["CORRECTED-AFTER-T/D"]?.billed, decimal("1300"))
    }

    func testOneEntryOnTwoLinesOfTheSameInvoiceIsOnePairBilledTheirSum() {
        var log = EventLog()
        log.add(.entry("SPLIT", amount: "1200"), at: approvedEarlier)
        log.add(.entry("SPLIT-OVER", amount: "1200"), at: approvedEarlier)
        log.add(.posted("INV1", lines: [("SPLIT", "600"), ("SPLIT-OVER", "600"), ("SPLIT", "600"), ("SPLIT-OVER", "700")]),
                at: postedInWindow)
        let rows = log.reconciliationRows().billingMismatch
        XCTAssertEqual(rows.map(\.timeEntryID), ["SPLIT-OVER"])
        XCTAssertEqual(rows.first?.billed, decimal("1300"))
        XCTAssertEqual(rows.first?.amount, decimal("100"))
        XCTAssertEqual(log.reconciliationRows().doubleBilled, [])
    }

    func testTheWindowExcludesItsStartAndIncludesT() {
        var log = EventLog()
        log.add(.posted("AT-START", lines: [("X", "1")]), at: windowStartText)
        log.add(.posted("AT-T", lines: [("Y", "1")]), at: asOfText)
        log.add(.posted("AFTER-T", lines: [("Z", "1")]), at: "2026-10-31T00:00:00.001Z")
        XCTAssertEqual(log.reconciliationRows().billingMismatch.map(\.invoiceID), ["AT-T"])
    }
}
