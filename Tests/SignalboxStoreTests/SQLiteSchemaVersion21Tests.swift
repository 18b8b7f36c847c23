import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 21: the backlog (§5) and the amount outstanding (§8) read the open work and what changed after T. The
/// exceptions no closing has reached are indexed by kind and by their kind's last change; the unpaid invoices' sums per
/// currency are kept by triggers.
final class SQLiteSchemaVersion21Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    func testMigratingAVersion20StoreSumsTheUnpaidInvoicesAndTheSignalsStayTheReferences() async throws {
        let lines = StoreConformanceTests.v2TrickyLines
        let path = directory.file("v20.sqlite")
        _ = try await IngestPipeline(batchSize: 4).ingest(
            path: try directory.write("lines.jsonl", lines.joined(separator: "\n") + "\n"), into: try SQLiteStore(path: path))
        let connection = try SQLiteConnection(path: path, readOnly: false)
        let keptAtIngest = try connection.statement(OpenWorkChecks.keptSums).rows { $0.text(0) }
        try connection.dropOpenWork()
        try connection.execute("PRAGMA user_version = 20;")
        XCTAssertThrowsError(try SQLiteStore(path: path, readOnly: true), "a wall refuses a store not yet upgraded")

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        let filled = try connection.statement(OpenWorkChecks.keptSums).rows { $0.text(0) }
        XCTAssertFalse(filled.isEmpty, "some invoice is unpaid today")
        XCTAssertEqual(filled, keptAtIngest, "the upgrade sums the unpaid invoices as ingest keeps them")
        XCTAssertEqual(filled, try connection.statement(OpenWorkChecks.recountedSums).rows { $0.text(0) })
        for index in ["exceptions_unclosed_by_kind", "exceptions_unclosed_by_kind_change"] {
            XCTAssertEqual(try connection.scalar("SELECT partial FROM pragma_index_list('exceptions') WHERE name = '\(index)'"), 1,
                           "\(index) holds the exceptions no closing has reached, not every one raised")
        }
        try await OpenWorkChecks.assertBacklogAndInvoiceToCashAreTheReferences(store, lines: lines)
    }

    /// Postings, re-postings in another currency, payments before and after their posting, one at a time: after every
    /// transaction the kept sums are those of the invoices unpaid in it.
    func testTheSumsFollowEveryPostingAndPaymentAsItIsStored() async throws {
        let lines = StoreConformanceTests.v2TrickyLines
        let path = directory.file("store.sqlite")
        let store = try SQLiteStore(path: path)
        let connection = try SQLiteConnection(path: path, readOnly: true)
        var changes = 0, previous: [String] = []
        for (index, line) in lines.enumerated() {
            _ = try await IngestPipeline(batchSize: 1).ingest(path: try directory.write("line\(index).jsonl", line + "\n"), into: store)
            let kept = try connection.statement(OpenWorkChecks.keptSums).rows { $0.text(0) }
            XCTAssertEqual(kept, try connection.statement(OpenWorkChecks.recountedSums).rows { $0.text(0) }, "after line \(index + 1)")
            if kept != previous { changes += 1 }
            previous = kept
        }
        XCTAssertGreaterThan(changes, 5, "the lines move the sums many times")
        try await OpenWorkChecks.assertBacklogAndInvoiceToCashAreTheReferences(store, lines: lines)
    }

    /// The reads walk the open work and ranges after T, each from the index named for it, without a table seek or a
    /// sort of every exception raised by T.
    func testTheOpenWorkIsReadFromItsIndexesAndTheRangesAfterT() throws {
        let path = directory.file("plan.sqlite")
        _ = try SQLiteStore(path: path)
        let connection = try SQLiteConnection(path: path, readOnly: true)
        func plan(_ sql: String) throws -> [String] {
            try connection.statement("EXPLAIN QUERY PLAN " + sql).bind(.integer(0)).rows { $0.text(3) }
        }
        let kinds = try plan(SQLiteSignalQueries.openKindsAtT.description)
        XCTAssertTrue(kinds.contains("SCAN exceptions USING COVERING INDEX exceptions_unclosed_by_kind"), "\(kinds)")
        XCTAssertTrue(kinds.contains { $0.hasPrefix("SEARCH exceptions USING INDEX exceptions_by_close (closed_at>?") }, "\(kinds)")
        XCTAssertEqual(kinds.filter { $0.contains("TEMP B-TREE") }, ["USE TEMP B-TREE FOR GROUP BY"],
                       "only the closings after T are sorted by kind: \(kinds)")
        let reraised = try plan(SQLiteSignalQueries.reraisedKindsAsOfT)
        XCTAssertTrue(reraised.contains { $0.hasPrefix("SEARCH e USING COVERING INDEX exceptions_unclosed_by_kind_change (kind_at>?") }, "\(reraised)")
        XCTAssertTrue(reraised.contains { $0.hasPrefix("SEARCH e USING INDEX exceptions_by_close (closed_at>?") }, "\(reraised)")
        let moved = try plan(SQLiteOpenWork.outstandingMovedAfterT.description)
        XCTAssertTrue(moved.contains("MULTI-INDEX OR"), "\(moved)")
        XCTAssertTrue(moved.contains("INDEX 1") && moved.contains("INDEX 2"), "\(moved)")
        XCTAssertTrue(moved.contains("SEARCH invoices USING INDEX invoices_by_latest_posting (latest_posting_at>?)"), "\(moved)")
        XCTAssertTrue(moved.contains("SEARCH invoices USING INDEX invoices_by_last_payment (last_payment_at>?)"), "\(moved)")
    }
}
