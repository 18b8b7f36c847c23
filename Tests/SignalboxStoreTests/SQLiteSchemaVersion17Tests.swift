import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 17: every stored payment, typed (`invoice_payments`), so an invoice is folded at ingest and as of an earlier
/// T from a range of that table, not from its events read from the log and parsed.
final class SQLiteSchemaVersion17Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    func testMigratingAVersion16StoreTypesEveryPaymentAndInvoiceToCashStaysTheReferences() async throws {
        let lines = StoreConformanceTests.v2TrickyLines
        let path = directory.file("v16.sqlite")
        _ = try await IngestPipeline(batchSize: 4).ingest(
            path: try directory.write("lines.jsonl", lines.joined(separator: "\n") + "\n"), into: try SQLiteStore(path: path))
        let connection = try SQLiteConnection(path: path, readOnly: false)
        let typedAtIngest = try connection.statement("SELECT invoice_id, occurred_at, seq, currency, amount_units FROM invoice_payments ORDER BY seq")
            .rows { "\($0.text(0)) \($0.int64(1)) \($0.int64(2)) \($0.text(3)) \($0.int64(4))" }
        try connection.dropInvoicePayments()
        try connection.dropExceptionRaises()
        try connection.execute("PRAGMA user_version = 16;")
        XCTAssertThrowsError(try SQLiteStore(path: path, readOnly: true), "a wall refuses a store not yet upgraded")

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        let filled = try connection.statement("SELECT invoice_id, occurred_at, seq, currency, amount_units FROM invoice_payments ORDER BY seq")
            .rows { "\($0.text(0)) \($0.int64(1)) \($0.int64(2)) \($0.text(3)) \($0.int64(4))" }
        XCTAssertEqual(filled, typedAtIngest, "the upgrade types the payments as ingest does")
        XCTAssertEqual(filled.count, Int(try connection.scalar("SELECT count(*) FROM events WHERE type = 'payment.received'")))
        XCTAssertTrue(filled.contains { $0.hasPrefix("INV-C ") }, "a payment of an invoice never posted is kept for its posting")

        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        for day in 1...14 {
            for hour in ["00:00:00", "09:00:00", "10:00:00", "12:00:00"] {
                let asOf = ts("2026-11-\(day < 10 ? "0" : "")\(day)T\(hour)Z")
                for window in [SignalDuration.days(1), .days(7)] {
                    let stored = try await store.signals(asOf: asOf, window: window, sections: .invoiceToCash).invoiceToCash
                    XCTAssertEqual(stored, SignalCalculator.compute(events: events, asOf: asOf, window: window).invoiceToCash,
                                   "as of \(asOf) over \(window)")
                }
            }
        }
    }

    func testAnInvoiceIsFoldedFromARangeOfItsTypedPayments() throws {
        let path = directory.file("plan.sqlite")
        _ = try SQLiteStore(path: path)
        let connection = try SQLiteConnection(path: path, readOnly: true)
        let plan = try connection.statement("EXPLAIN QUERY PLAN \(SQLiteInvoiceProjection.paymentsThrough)")
            .bind(.text("INV-1"), .integer(0)).rows { $0.text(3) }
        XCTAssertEqual(plan, ["SEARCH invoice_payments USING PRIMARY KEY (invoice_id=? AND occurred_at<?)"])
    }
}
