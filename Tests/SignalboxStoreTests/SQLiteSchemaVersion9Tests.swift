import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 9 (§10 from projections): upgrading a store fills the §10 tables from its log, §10 is right at once, and
/// events ingested after the upgrade reach the tables too.
final class SQLiteSchemaVersion9Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    func testMigratingAVersion8StoreFillsTheReconciliationProjectionFromTheLog() async throws {
        let lines = StoreConformanceTests.reconciliationLines
        let (early, rest) = (Array(lines.prefix(20)), Array(lines.dropFirst(20)))
        let path = directory.file("v8.sqlite")
        let input = try directory.write("early.jsonl", early.joined(separator: "\n") + "\n")
        _ = try await IngestPipeline(batchSize: 7).ingest(path: input, into: try SQLiteStore(path: path))
        // Back to what schema 8 had.
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.dropEventSeconds()
        try connection.dropQueueIndexes()
        try connection.dropQueueText()
        try connection.dropInvoiceIndexesOfSchema15()
        try connection.dropInvoicePayments()
        try connection.dropExceptionRaises()
        try connection.dropContractValueBounds()
        try connection.dropAmendmentProjection()
        try connection.dropReconciliationProjection()
        try connection.execute("PRAGMA user_version = 8;")

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        let later = try directory.write("rest.jsonl", rest.joined(separator: "\n") + "\n")
        _ = try await IngestPipeline(batchSize: 5).ingest(path: later, into: store)

        try SQLiteTimeEntryFile.attach(to: connection, readOnly: true)   // the approvals are the companion's (schema 20)
        for (table, type) in [("time_approvals", "time.approved"), ("invoice_postings", "invoice.posted"),
                              ("milestone_acceptances", "milestone.accepted")] {
            XCTAssertEqual(try connection.scalar("SELECT count(*) FROM \(table)"),
                           try connection.scalar("SELECT count(*) FROM events WHERE type = '\(type)'"), table)
        }
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM contract_terms"),
                       try connection.scalar("SELECT count(*) FROM events WHERE type IN ('contract.approved', 'contract.amended')"))
        let rows = try await store.reconciliationRows(asOf: ts("2026-11-20T12:00:00Z"), window: .days(7))
        let expected = StoreConformanceTests.reconciliationRowsOnThe20th
        XCTAssertEqual(Set(rows.rateLeakage), Set(expected.rateLeakage))
        XCTAssertEqual(Set(rows.billingMismatch), Set(expected.billingMismatch))
        XCTAssertEqual(Set(rows.doubleBilled), Set(expected.doubleBilled))
        XCTAssertEqual(Set(rows.unbilledMilestones), Set(expected.unbilledMilestones))
        XCTAssertEqual(rows.overContractValue, expected.overContractValue)
    }
}
