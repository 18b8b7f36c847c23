import Foundation
import SignalboxCore
import XCTest
@testable import SignalboxStore

/// The files' page size, which is fixed when a file is created, and schema 5's index of amendment applications.
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
            XCTAssertEqual(stored, SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)),
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

    func testUpgradingAVersion4StoreIndexesTheApplicationsItAlreadyHolds() async throws {
        let path = directory.file("store.sqlite")
        let events = try await ingestTrickyLines(into: try SQLiteStore(path: path))
        try SQLiteConnection(path: path, readOnly: false).execute("DROP INDEX applications_by_contract; PRAGMA user_version = 4;")

        let upgraded = try SQLiteStore(path: path)

        let index = try SQLiteConnection(path: path, readOnly: true).statement("""
            SELECT count(*) FROM events INDEXED BY applications_by_contract WHERE type = 'amendment.applied' AND entity_key = 'C-1'
            """).rows { $0.int64(0) }
        XCTAssertEqual(index, [Int64(events.filter { $0.type == .amendmentApplied }.count)])
        try await assertSignalsMatchTheReference(upgraded, events: events)
    }
}
