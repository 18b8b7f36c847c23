import SignalboxCore
import SignalboxStore
import XCTest

/// What both stores' open work (SQLite schema 21, PostgreSQL schema 11) must keep: the unpaid invoices' sums per
/// currency equal to a recount, and the backlog and the amount outstanding equal to the reference at every instant.
enum OpenWorkChecks {
    /// The unpaid invoices per currency, counted from `invoices`, one line each: currency, count, amount owed.
    static let recountedSums = """
        SELECT currency || ' ' || count(*) || ' ' || sum(total_units - paid_units) FROM invoices WHERE paid_at IS NULL
        GROUP BY currency ORDER BY currency
        """
    /// The same, as the store keeps them.
    static let keptSums = "SELECT currency || ' ' || invoices || ' ' || owed_units FROM invoices_outstanding ORDER BY currency"

    /// Every as-of time of the tricky lines, a day apart, with a one-day and a seven-day window.
    static func assertBacklogAndInvoiceToCashAreTheReferences(_ store: any SignalSource, lines: [String],
                                                              file: StaticString = #filePath, line: UInt = #line) async throws {
        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        var outstanding = 0, open = 0
        for day in 1...16 {
            for window in [SignalDuration.days(1), .days(7)] {
                let asOf = ts("2026-11-\(day < 10 ? "0" : "")\(day)T10:00:00Z")
                let stored = try await store.signals(asOf: asOf, window: window, sections: [.exceptions, .invoiceToCash])
                let reference = SignalCalculator.compute(events: events, asOf: asOf, window: window)
                XCTAssertEqual(stored.invoiceToCash, reference.invoiceToCash, "as of \(asOf)", file: file, line: line)
                XCTAssertEqual(stored.exceptions, reference.exceptions, "as of \(asOf)", file: file, line: line)
                outstanding += stored.invoiceToCash.outstanding.count
                open += stored.exceptions.openByKind.count
            }
        }
        XCTAssertGreaterThan(outstanding, 0, "the data owes something at some instant", file: file, line: line)
        XCTAssertGreaterThan(open, 0, "the data has open exceptions at some instant", file: file, line: line)
    }
}
