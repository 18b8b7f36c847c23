import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 12 (throughput's cut hours per second): upgrading a store moves each event's time from its hour's row to
/// its second's, throughput is right at once, and later commits append to their seconds' rows only.
final class SQLiteSchemaVersion12Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    /// The conformance suite's throughput events, split in two: the first part in a store taken back to schema 11.
    func version11Store() async throws -> (path: String, early: [String], later: [String]) {
        let lines = StoreConformanceTests.throughputLines
        let (early, later) = (Array(lines.prefix(8)), Array(lines.dropFirst(8)))
        let path = directory.file("v11.sqlite")
        _ = try await IngestPipeline(batchSize: 3).ingest(
            path: try directory.write("early.jsonl", early.joined(separator: "\n") + "\n"), into: try SQLiteStore(path: path))
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.dropEventSeconds()
        try connection.dropQueueText()
        try connection.dropInvoiceIndexesOfSchema15()
        try connection.dropInvoicePayments()
        try connection.dropExceptionRaises()
        try connection.dropContractValueBounds()
        try connection.execute("PRAGMA user_version = 11;")
        return (path, early, later)
    }

    func testAReadOnlyOpenOfAVersion11StoreSaysWhatToRunAndChangesNothing() async throws {
        let (path, _, _) = try await version11Store()
        XCTAssertThrowsError(try SQLiteStore(path: path, readOnly: true)) { error in
            XCTAssertEqual((error as? StoreError)?.description,
                           "store not ready for this build: \(path) is at schema version 11, this build needs \(SQLiteSchema.currentVersion) (run `signalbox migrate`)")
        }
        let connection = try SQLiteConnection(path: path, readOnly: true)
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'event_seconds'"), 0)
    }

    func testMigratingAVersion11StoreCountsThroughputPerSecondFromTheUpgradeOn() async throws {
        let (path, early, later) = try await version11Store()
        let store = try SQLiteStore(path: path)
        let connection = try SQLiteConnection(path: path, readOnly: false)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM pragma_table_info('event_hours') WHERE name = 'times'"), 0,
                       "an hour's row keeps its count only")
        try await assertThroughputEqualsTheReference(store, early)
        try assertEverySecondsRowHoldsItsOwnTimes(connection)

        _ = try await IngestPipeline(batchSize: 2).ingest(
            path: try directory.write("later.jsonl", later.joined(separator: "\n") + "\n"), into: store)
        try await assertThroughputEqualsTheReference(store, early + later)
        try assertEverySecondsRowHoldsItsOwnTimes(connection)
        XCTAssertEqual(try connection.scalar("SELECT sum(events) FROM event_hours"), Int64(early.count + later.count))
    }

    private func assertThroughputEqualsTheReference(_ store: SQLiteStore, _ lines: [String],
                                                    file: StaticString = #filePath, line: UInt = #line) async throws {
        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        for event in events {
            for window in [SignalDuration(microseconds: 1), .seconds(1), .seconds(3600), .days(1)] {
                let asOf = event.occurredAt
                let stored = try await store.signals(asOf: asOf, window: window, sections: .throughput)
                XCTAssertEqual(stored.throughput, SignalCalculator.compute(events: events, asOf: asOf, window: window).throughput,
                               "as of \(asOf) over \(window.microseconds) µs", file: file, line: line)
            }
        }
    }

    /// Each row of `event_seconds` lists as many times as it counts, all within its second.
    private func assertEverySecondsRowHoldsItsOwnTimes(_ connection: SQLiteConnection,
                                                       file: StaticString = #filePath, line: UInt = #line) throws {
        let rows = try connection.statement("SELECT second, events, times FROM event_seconds")
            .rows { (second: $0.int64(0), events: Int($0.int64(1)), times: $0.text(2).split(separator: ",").map { Int64($0)! }) }
        XCTAssertFalse(rows.isEmpty, file: file, line: line)
        for row in rows {
            XCTAssertEqual(row.times.count, row.events, "second \(row.second)", file: file, line: line)
            XCTAssertEqual(Set(row.times.map(SQLiteSchema.second(of:))), [row.second], "second \(row.second)", file: file, line: line)
        }
    }
}
