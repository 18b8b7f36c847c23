import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 14 (``SQLiteContractValueBounds``): over contract value (§10.5) reads only the contracts whose postings can
/// exceed a value they stated. Upgrading a store bounds every contract from its typed rows, ingest keeps the bounds,
/// and the control's rows stay the reference's.
final class SQLiteSchemaVersion14Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    /// The bounds as the definition gives them, from §10's typed rows: (contract, least value) and (contract, posted sum).
    private func bounds(in connection: SQLiteConnection) throws -> (kept: [String], defined: [String]) {
        let kept = try connection.statement("""
            SELECT contract_id || ' ' || coalesce(least_value_units, '-') || ' ' || posted_total_units FROM contract_value_bounds ORDER BY 1
            """).rows { $0.text(0) }
        let defined = try connection.statement("""
            WITH contracts AS (SELECT contract_id FROM contract_terms WHERE total_value_units IS NOT NULL
                               UNION SELECT contract_id FROM invoice_postings)
            SELECT c.contract_id || ' '
                   || coalesce((SELECT min(total_value_units) FROM contract_terms t WHERE t.contract_id = c.contract_id), '-') || ' '
                   || coalesce((SELECT sum(max(total_units, 0)) FROM invoice_postings p WHERE p.contract_id = c.contract_id), 0)
            FROM contracts c ORDER BY 1
            """).rows { $0.text(0) }
        return (kept, defined)
    }

    func testMigratingAVersion13StoreBoundsEveryContractAndIngestKeepsThem() async throws {
        let lines = StoreConformanceTests.reconciliationLines
        let (early, rest) = (Array(lines.prefix(25)), Array(lines.dropFirst(25)))
        let path = directory.file("v13.sqlite")
        _ = try await IngestPipeline(batchSize: 6).ingest(
            path: try directory.write("early.jsonl", early.joined(separator: "\n") + "\n"), into: try SQLiteStore(path: path))
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.dropInvoiceIndexesOfSchema15()
        try connection.dropInvoicePayments()
        try connection.dropExceptionRaises()
        try connection.dropContractValueBounds()
        try connection.execute("PRAGMA user_version = 13;")

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        let upgraded = try bounds(in: connection)
        XCTAssertFalse(upgraded.kept.isEmpty)
        XCTAssertEqual(upgraded.kept, upgraded.defined)

        _ = try await IngestPipeline(batchSize: 4).ingest(
            path: try directory.write("rest.jsonl", rest.joined(separator: "\n") + "\n"), into: store)
        let ingested = try bounds(in: connection)
        XCTAssertEqual(ingested.kept, ingested.defined)
        let rows = try await store.reconciliationRows(asOf: ts("2026-11-20T12:00:00Z"), window: .days(7))
        XCTAssertEqual(rows.overContractValue, StoreConformanceTests.reconciliationRowsOnThe20th.overContractValue)
        XCTAssertFalse(rows.overContractValue.isEmpty, "the conformance data has a contract over its value")
    }

    func testOverContractValueReadsTheCandidatesPostingsOnly() async throws {
        let path = directory.file("plan.sqlite")
        _ = try SQLiteStore(path: path)
        let connection = try SQLiteConnection(path: path, readOnly: true)
        let plan = try connection.statement("EXPLAIN QUERY PLAN " + SQLiteSignalQueries.overContractValue)
            .bind(.integer(0), .integer(0), .text("2026-11-20")).rows { $0.text(3) }
        XCTAssertTrue(plan.contains { $0.hasPrefix("SCAN contract_value_bounds USING INDEX contract_value_candidates") }, "\(plan)")
        XCTAssertTrue(plan.contains { $0.contains("invoice_postings_by_contract (contract_id=?)") }, "\(plan)")
        XCTAssertFalse(plan.contains { $0.hasPrefix("SCAN p") || $0.hasPrefix("SCAN invoice_postings") }, "\(plan)")
    }

    /// A contract of value 1,000 billed 100 at a time is no candidate until its postings sum beyond 1,000; then it is
    /// reported over its value as the reference says.
    func testAContractIsACandidateOncePostingsCanExceedItsValue() async throws {
        let path = directory.file("store.sqlite")
        let store = try SQLiteStore(path: path)
        var lines: [String] = []
        func ingest(_ new: [String]) async throws {
            lines += new
            _ = try await store.ingest(IngestBatch(lines: try new.map { .event(try CanonicalEvent(jsonLine: Array($0.utf8)), json: $0) }))
        }
        func candidates() throws -> [String] {
            try SQLiteConnection(path: path, readOnly: true).statement(SQLiteContractValueBounds.candidates).rows { $0.text(0) }
        }
        try await ingest([EventLines.approved("a1", at: "2026-10-01T09:00:00Z")])
        try await ingest((1...10).map { EventLines.invoice("i\($0)", entries: ["T\($0)"], at: "2026-10-\(10 + $0)T09:00:00Z") })
        XCTAssertEqual(try candidates(), [], "10 × 100 does not exceed 1,000")
        try await ingest([EventLines.invoice("i11", entries: ["T11"], at: "2026-10-25T09:00:00Z")])
        XCTAssertEqual(try candidates(), ["C-1"])

        let asOf = ts("2026-10-30T00:00:00Z")
        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        let reference = SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)).reconciliation
        let stored = try await store.signals(asOf: asOf, window: .days(7)).reconciliation
        XCTAssertEqual(stored, reference)
        XCTAssertEqual(stored.overContractValue["USD"]?.contracts, 1)
    }
}
