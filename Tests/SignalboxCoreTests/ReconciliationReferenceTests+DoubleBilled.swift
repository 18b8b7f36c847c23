import SignalboxCore
import XCTest

/// §10.3 double billing, hand-computed: an entry named by a second invoice, from that invoice's posting time.
final class DoubleBilledReferenceTests: XCTestCase {
    func testAnEntryBecomesDoubleBilledAtItsSecondInvoiceAndEachLaterInvoiceIsARowInItsCurrency() {
        var log = EventLog()
        log.add(.posted("INV1", lines: [("TWICE", "1200"), ("THRICE", "500")]), at: "2026-10-20T00:00:00Z")
        log.add(.posted("INV2", lines: [("TWICE", "1100"), ("THRICE", "400")]), at: "2026-10-28T00:00:00Z")
        log.add(.posted("INV5", currency: "EUR", lines: [("THRICE", "300")]), at: "2026-10-29T00:00:00Z")
        // Double-billed on 10-15, before the window: no row, not even for a third invoice in the window.
        log.add(.posted("INV3", lines: [("EARLY", "100")]), at: "2026-10-10T00:00:00Z")
        log.add(.posted("INV4", lines: [("EARLY", "100")]), at: "2026-10-15T00:00:00Z")
        log.add(.posted("INV6", lines: [("EARLY", "100")]), at: "2026-10-29T00:00:00Z")
        // Three USD invoices: two rows, one entry.
        log.add(.posted("INV7", lines: [("SAME-CURRENCY", "10")]), at: "2026-10-25T00:00:00Z")
        log.add(.posted("INV8", lines: [("SAME-CURRENCY", "20")]), at: "2026-10-26T00:00:00Z")
        log.add(.posted("INV9", lines: [("SAME-CURRENCY", "30")]), at: "2026-10-27T00:00:00Z")

        let rows = log.reconciliationRows().doubleBilled
        XCTAssertEqual(Set(rows.map { $0.timeEntryID + "@" + $0.invoiceID }),
                       ["TWICE@INV2", "THRICE@INV2", "THRICE@INV5", "SAME-CURRENCY@INV8", "SAME-CURRENCY@INV9"])
        let thriceEUR = rows.first { $0.invoiceID == "INV5" }
        XCTAssertEqual(thriceEUR?.firstInvoiceID, "INV1")
        XCTAssertEqual(thriceEUR?.doubleBilledAt, timestamp("2026-10-28T00:00:00Z"))
        XCTAssertEqual(thriceEUR?.postedAt, timestamp("2026-10-29T00:00:00Z"))
        XCTAssertEqual(thriceEUR?.currency, "EUR")

        let signal = log.reconciliation().doubleBilled
        XCTAssertEqual(signal["USD"], DoubleBilled(entries: 3, amount: decimal("1550")))
        XCTAssertEqual(signal["EUR"], DoubleBilled(entries: 1, amount: decimal("300")))
    }

    /// A correction that drops the line un-names the entry; a re-posting keeps the invoice's first posting time.
    func testAnInvoiceRepostedWithoutTheLineNoLongerDoubleBillsAndRepostingKeepsThePostingTime() {
        var log = EventLog()
        log.add(.posted("INV1", lines: [("CORRECTED", "1200")]), at: "2026-10-26T00:00:00Z")
        log.add(.posted("INV2", lines: [("CORRECTED", "1200")]), at: "2026-10-27T00:00:00Z")
        log.add(.posted("INV2", lines: [("OTHER", "1200")]), at: "2026-10-28T00:00:00Z")
        log.add(.posted("INV3", lines: [("OLD", "1200")]), at: "2026-10-20T00:00:00Z")
        log.add(.posted("INV4", lines: [("OLD", "1200")]), at: "2026-10-22T00:00:00Z")
        log.add(.posted("INV4", lines: [("OLD", "1250")]), at: "2026-10-28T00:00:00Z")
        XCTAssertEqual(log.reconciliationRows().doubleBilled, [])
        // Before the correction (as of 10-27T12:00, over three days) the entry was double-billed.
        XCTAssertEqual(log.reconciliationRows(asOf: "2026-10-27T12:00:00Z", window: .days(3)).doubleBilled.map(\.timeEntryID), ["CORRECTED"])
    }

    func testTwoLinesOfTheSameInvoiceAreNotDoubleBilling() {
        var log = EventLog()
        log.add(.posted("INV1", lines: [("SPLIT", "600"), ("SPLIT", "600")]), at: "2026-10-28T00:00:00Z")
        XCTAssertEqual(log.reconciliationRows().doubleBilled, [])
    }

    func testInvoicesPostedAtTheSameTimeAreOrderedByInvoiceID() {
        var log = EventLog()
        log.add(.posted("INV-B", lines: [("T1", "700")]), at: "2026-10-28T10:00:00Z")
        log.add(.posted("INV-A", lines: [("T1", "600")]), at: "2026-10-28T10:00:00Z")
        let rows = log.reconciliationRows().doubleBilled
        XCTAssertEqual(rows.map(\.invoiceID), ["INV-B"])
        XCTAssertEqual(rows.first?.firstInvoiceID, "INV-A")
        XCTAssertEqual(rows.first?.amount, decimal("700"))
    }

    func testTheWindowExcludesItsStartAndIncludesT() {
        var log = EventLog()
        log.add(.posted("FIRST", lines: [("AT-START", "1"), ("AT-T", "1"), ("AFTER-T", "1")]), at: "2026-10-01T00:00:00Z")
        log.add(.posted("SECOND-AT-START", lines: [("AT-START", "1")]), at: windowStartText)
        log.add(.posted("SECOND-AT-T", lines: [("AT-T", "1")]), at: asOfText)
        log.add(.posted("SECOND-AFTER-T", lines: [("AFTER-T", "1")]), at: "2026-10-31T00:00:00.001Z")
        XCTAssertEqual(log.reconciliationRows().doubleBilled.map(\.timeEntryID), ["AT-T"])
    }
}
