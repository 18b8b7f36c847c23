import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 10 (amendment propagation from a projection): upgrading a store fills the amendment tables from its log,
/// signal 3 is right at once, and events ingested after the upgrade reach the tables too.
final class SQLiteSchemaVersion10Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    func testAReadOnlyOpenOfAVersion9StoreSaysWhatToRunAndChangesNothing() async throws {
        let path = directory.file("v9.sqlite")
        _ = try await IngestPipeline().ingest(
            path: try directory.write("lines.jsonl", StoreConformanceTests.trickyLines.joined(separator: "\n") + "\n"),
            into: try SQLiteStore(path: path))
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.dropEventSeconds()
        try connection.dropQueueIndexes()
        try connection.dropQueueText()
        try connection.dropInvoiceIndexesOfSchema15()
        try connection.dropInvoicePayments()
        try connection.dropExceptionRaises()
        try connection.dropContractValueBounds()
        try connection.dropAmendmentProjection()
        try connection.execute("PRAGMA user_version = 9;")

        XCTAssertThrowsError(try SQLiteStore(path: path, readOnly: true)) { error in
            XCTAssertEqual((error as? StoreError)?.description,
                           "store not ready for this build: \(path) is at schema version 9, this build needs \(SQLiteSchema.currentVersion) (run `signalbox migrate`)")
        }
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), 9)
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'amendment_terms'"), 0)
    }

    func testMigratingAVersion9StoreFillsTheAmendmentProjectionFromTheLog() async throws {
        let lines = StoreConformanceTests.trickyLines
        let split = try XCTUnwrap(lines.firstIndex { $0.contains("m1-erp-fix") }, "the ERP correction comes after the upgrade")
        let (early, rest) = (Array(lines[..<split]), Array(lines[split...]))
        let path = directory.file("v9.sqlite")
        _ = try await IngestPipeline(batchSize: 3).ingest(
            path: try directory.write("early.jsonl", early.joined(separator: "\n") + "\n"), into: try SQLiteStore(path: path))
        // Back to what schema 9 had.
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.dropEventSeconds()
        try connection.dropQueueIndexes()
        try connection.dropQueueText()
        try connection.dropInvoiceIndexesOfSchema15()
        try connection.dropInvoicePayments()
        try connection.dropExceptionRaises()
        try connection.dropContractValueBounds()
        try connection.dropAmendmentProjection()
        try connection.execute("PRAGMA user_version = 9;")

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'applications_by_contract'"), 0,
                       "schema 5's index of applications is gone")
        _ = try await IngestPipeline(batchSize: 2).ingest(
            path: try directory.write("rest.jsonl", rest.joined(separator: "\n") + "\n"), into: store)

        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM amendment_terms"),
                       try connection.scalar("SELECT count(*) FROM events WHERE type IN ('contract.amended', 'amendment.applied')"))
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM amendment_terms WHERE rate_card = '3:Dev=1100000;'"), 3,
                       "m1's card and two reports of it at 110 (written 110.00, 110 and \"110\")")
        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        for asOf in ["2026-11-03T09:00:00Z", "2026-11-05T10:30:00Z", "2026-11-06T00:00:00Z", "2026-11-10T00:00:00Z"].map(ts) {
            let statuses = try await store.amendmentStatuses(asOf: asOf, window: .days(7))
            let reference = SignalCalculator.compute(events: events, asOf: asOf, window: .days(7))
            XCTAssertEqual(AmendmentAccuracy(statuses: statuses), reference.amendments, "as of \(asOf)")
        }
        let tenth = try await store.amendmentStatuses(asOf: ts("2026-11-10T00:00:00Z"), window: .days(7))
        let corrected = try XCTUnwrap(tenth.first { $0.contractID == "C-1" })
        XCTAssertEqual(corrected.propagation, .accurate, "ERP's correction, ingested after the upgrade, counts")
        let before = try await store.amendmentStatuses(asOf: ts("2026-11-06T00:00:00Z"), window: .days(7))
        XCTAssertEqual(before.first { $0.contractID == "C-1" }?.differingKeys[.erp], ["rate_card"], "before it, ERP held 100")
    }
}
