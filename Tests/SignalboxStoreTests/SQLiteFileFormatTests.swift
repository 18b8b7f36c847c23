import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// The files' page size, which is fixed when a file is created; the amendment projection (schema 10, which replaced
/// schema 5's index of applications) and schema 6's correlation index (a row per correlation and transaction).
final class SQLiteFileFormatTests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    private func pageSizes(ofStore path: String) throws -> (log: Int64, companion: Int64) {
        (try SQLiteConnection(path: path, readOnly: true).scalar("PRAGMA page_size"),
         try SQLiteConnection(path: SQLiteTimeEntryFile.path(forStore: path), readOnly: true).scalar("PRAGMA page_size"))
    }

    private func ingestTrickyLines(into store: SQLiteStore) async throws -> [CanonicalEvent] {
        let lines = StoreConformanceTests.trickyLines
        let input = try directory.write("tricky.jsonl", lines.joined(separator: "\n") + "\n")
        let outcome = try await IngestPipeline(batchSize: 4).ingest(path: input, into: store)
        XCTAssertEqual(outcome.summary.rejected, 0, "\(outcome.sampleRejections)")
        return try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
    }

    private func assertSignalsMatchTheReference(_ store: SQLiteStore, events: [CanonicalEvent],
                                                file: StaticString = #filePath, line: UInt = #line) async throws {
        for day in [3, 6, 10, 13] {
            let asOf = ts("2026-11-\(day < 10 ? "0" : "")\(day)T12:00:00Z")
            let stored = try await store.signals(asOf: asOf, window: .days(7))
            let reference = SignalCalculator.compute(events: events, asOf: asOf, window: .days(7))
            XCTAssertEqual(stored, reference,
                           "as of \(asOf)", file: file, line: line)
        }
    }

    func testANewStoreCreatesBothFilesWithSixteenKiBPages() throws {
        let path = directory.file("store.sqlite")
        _ = try SQLiteStore(path: path)

        let sizes = try pageSizes(ofStore: path)
        XCTAssertEqual(sizes.log, 16_384)
        XCTAssertEqual(sizes.companion, 16_384)
    }

    func testAStoreCreatedWithSmallerPagesKeepsThemAndComputesTheSameSignals() async throws {
        let path = directory.file("store.sqlite")
        // Writing the header fixes a file's page size: this is the file an earlier build created.
        try SQLiteConnection(path: path, readOnly: false).execute("PRAGMA page_size = 4096; PRAGMA user_version = 0;")
        let store = try SQLiteStore(path: path)
        let events = try await ingestTrickyLines(into: store)

        XCTAssertEqual(try pageSizes(ofStore: path).log, 4_096, "changing it would mean rewriting the whole file")
        try await assertSignalsMatchTheReference(store, events: events)
    }

    func testUpgradingAVersion4StoreIndexesWhatItAlreadyHolds() async throws {
        let path = directory.file("store.sqlite")
        let events = try await ingestTrickyLines(into: try SQLiteStore(path: path))
        let traceBefore = try await SQLiteStore(path: path).events(correlationID: "C-1")
        // Back to schema 4: no index of applications, a per-event correlation index, no invoices or events per hour,
        // no index of milestones, no §10 or amendment projection.
        let downgrade = try SQLiteConnection(path: path, readOnly: false)
        try downgrade.dropEventSeconds()
        try downgrade.dropQueueIndexes()
        try downgrade.dropQueueText()
        try downgrade.dropInvoiceIndexesOfSchema15()
        try downgrade.dropInvoicePayments()
        try downgrade.dropExceptionRaises()
        try downgrade.dropContractValueBounds()
        try downgrade.dropAmendmentProjection()
        try downgrade.dropReconciliationProjection()
        try downgrade.execute("""
            DROP INDEX applications_by_contract; DROP TABLE event_correlations; DROP TABLE invoices; DROP TABLE event_hours;
            DROP INDEX milestones_by_time;
            CREATE INDEX events_by_correlation ON events(correlation_id); PRAGMA user_version = 4;
            """)

        let upgraded = try SQLiteStore(path: path)

        let check = try SQLiteConnection(path: path, readOnly: true)
        let projected = try check.statement("""
            SELECT count(*) FROM amendment_terms INDEXED BY amendment_terms_by_target WHERE contract_id = 'C-1'
            """).rows { $0.int64(0) }
        XCTAssertEqual(projected, [Int64(events.filter { [.contractAmended, .amendmentApplied].contains($0.type) }.count)])
        XCTAssertEqual(try check.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'events_by_correlation'"), 0)
        let traceAfter = try await upgraded.events(correlationID: "C-1")
        XCTAssertEqual(traceAfter.map(\.sequence), traceBefore.map(\.sequence))
        XCTAssertEqual(traceAfter.count, events.filter { $0.correlationID == "C-1" }.count)
        try await assertSignalsMatchTheReference(upgraded, events: events)
    }

    func testATraceListsACorrelationsEventsAcrossTransactionsInTimeOrder() async throws {
        let store = try SQLiteStore(path: directory.file("store.sqlite"))
        let lines = [
            EventLines.approved("c1", contract: "C-7", at: "2026-11-01T09:00:00Z"),
            EventLines.approved("other", contract: "C-8", at: "2026-11-01T09:30:00Z"),
            EventLines.envelope("p1", "project.provisioned", "2026-11-02T10:00:00Z", source: "PSA", correlation: "C-7",
                                data: #"{"contract_id":"C-7","project_id":"P-7"}"#),
            // Arrives last, happened first.
            EventLines.envelope("f1", "project.provisioning_failed", "2026-11-01T12:00:00Z", correlation: "C-7",
                                data: #"{"contract_id":"C-7","attempt":1,"reason_code":"TIMEOUT","message":"PSA timed out"}"#),
        ]
        // One transaction per line: the trace gathers the correlation's rows of three transactions.
        for line in lines {
            _ = try await store.ingest(IngestBatch(lines: [.event(try CanonicalEvent(jsonLine: Array(line.utf8)), json: line)]))
        }

        let trace = try await store.events(correlationID: "C-7")

        XCTAssertEqual(trace.map(\.event.eventID), ["c1", "f1", "p1"])
        let empty = try await store.events(correlationID: "C-404")
        XCTAssertTrue(empty.isEmpty)
    }
}
