import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 8 (signals v3): upgrading a store adds the index of milestone acceptances by time, and §10 is right at once.
final class SQLiteSchemaVersion8Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    func testMigratingAVersion7StoreIndexesMilestonesAndReconcilesAtOnce() async throws {
        let path = directory.file("v7.sqlite")
        let input = try directory.write("lines.jsonl", StoreConformanceTests.reconciliationLines.joined(separator: "\n") + "\n")
        _ = try await IngestPipeline(batchSize: 7).ingest(path: input, into: try SQLiteStore(path: path))
        // Back to what schema 7 had.
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
        try connection.execute("DROP INDEX milestones_by_time; PRAGMA user_version = 7;")

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'milestones_by_time'"), 1)
        let rows = try await store.reconciliationRows(asOf: ts("2026-11-20T12:00:00Z"), window: .days(7))
        XCTAssertEqual(Set(rows.unbilledMilestones), Set(StoreConformanceTests.reconciliationRowsOnThe20th.unbilledMilestones))
        XCTAssertEqual(Set(rows.rateLeakage), Set(StoreConformanceTests.reconciliationRowsOnThe20th.rateLeakage))
    }
}
