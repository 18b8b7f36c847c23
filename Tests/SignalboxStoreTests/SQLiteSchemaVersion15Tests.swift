import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 15: invoice to cash (§8) reads index entries only. The invoices unpaid today come from an index of them
/// alone, and those paid in the window from the payment index, which now holds the posting they were settled against.
final class SQLiteSchemaVersion15Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    func testMigratingAVersion14StoreIndexesTheUnpaidInvoicesAndInvoiceToCashStaysTheReferences() async throws {
        let lines = StoreConformanceTests.v2TrickyLines
        let path = directory.file("v14.sqlite")
        _ = try await IngestPipeline(batchSize: 4).ingest(
            path: try directory.write("lines.jsonl", lines.joined(separator: "\n") + "\n"), into: try SQLiteStore(path: path))
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.dropInvoiceIndexesOfSchema15()
        try connection.dropInvoicePayments()
        try connection.dropExceptionRaises()
        try connection.execute("PRAGMA user_version = 14;")
        XCTAssertThrowsError(try SQLiteStore(path: path, readOnly: true), "a wall refuses a store not yet upgraded")

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        let unpaid = try connection.scalar("SELECT count(*) FROM invoices WHERE paid_at IS NULL")
        XCTAssertGreaterThan(unpaid, 0)
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM invoices INDEXED BY invoices_unpaid WHERE paid_at IS NULL"), unpaid)
        XCTAssertEqual(try connection.scalar("SELECT partial FROM pragma_index_list('invoices') WHERE name = 'invoices_unpaid'"), 1,
                       "the index holds the unpaid invoices only, not every invoice ever posted")

        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        var outstanding = 0
        for day in 2...14 {
            for window in [SignalDuration.days(1), .days(7)] {
                let asOf = ts("2026-11-\(day < 10 ? "0" : "")\(day)T12:00:00Z")
                let stored = try await store.signals(asOf: asOf, window: window, sections: .invoiceToCash).invoiceToCash
                XCTAssertEqual(stored, SignalCalculator.compute(events: events, asOf: asOf, window: window).invoiceToCash, "as of \(asOf)")
                outstanding += stored.outstanding.count
            }
        }
        XCTAssertGreaterThan(outstanding, 0, "the data owes something at some instant")
    }

    func testTheInvoicesPaidInTheWindowAreReadFromThePaymentIndexAlone() throws {
        let path = directory.file("plan.sqlite")
        _ = try SQLiteStore(path: path)
        let connection = try SQLiteConnection(path: path, readOnly: true)
        func plan(_ sql: String) throws -> [String] {
            try connection.statement("EXPLAIN QUERY PLAN " + sql).bind(.integer(0), .integer(0)).rows { $0.text(3) }
        }
        XCTAssertEqual(try plan(SQLiteSignalQueries.paidInWindowWaits),
                       ["SEARCH invoices USING COVERING INDEX invoices_by_payment (paid_at>? AND paid_at<?)"])
    }
}
