import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 18: every stored raise of an exception with its kind, typed (`exception_raises`), so the backlog as of an
/// earlier T takes the kind of an exception raised again since from a range of that table, not from the log.
final class SQLiteSchemaVersion18Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    /// Exceptions raised up to three times under changing kinds, two raises at one instant, one closed between raises.
    private var lines: [String] {
        (0..<12).flatMap { index -> [String] in
            let exception = "EXC-\(index)"
            let kinds = ["posting_failed", "missing_master_data", "rate_mismatch", "duplicate_event"]
            var lines = [EventLines.raised("a\(index)", exception: exception, kind: kinds[index % 4], at: "2026-10-0\(index % 9 + 1)T09:00:00Z")]
            if index % 2 == 0 {
                let again = index % 4 == 0 ? "2026-10-0\(index % 9 + 1)T09:00:00Z" : "2026-10-1\(index % 9)T12:00:00Z"
                lines.append(EventLines.raised("b\(index)", exception: exception, kind: kinds[(index + 1) % 4], at: again))
            }
            if index % 3 == 0 {
                lines.append(EventLines.raised("c\(index)", exception: exception, kind: kinds[(index + 2) % 4], at: "2026-10-2\(index % 8)T08:00:00Z"))
            }
            if index % 5 == 0 { lines.append(EventLines.resolved("d\(index)", exception: exception, at: "2026-10-15T10:00:00Z")) }
            return lines
        }
    }

    func testMigratingAVersion17StoreTypesEveryRaiseAndTheBacklogStaysTheReferences() async throws {
        let path = directory.file("v17.sqlite")
        _ = try await IngestPipeline(batchSize: 3).ingest(
            path: try directory.write("lines.jsonl", lines.joined(separator: "\n") + "\n"), into: try SQLiteStore(path: path))
        let connection = try SQLiteConnection(path: path, readOnly: false)
        let typedRows = "SELECT exception_id, occurred_at, seq, kind FROM exception_raises ORDER BY seq"
        let typedAtIngest = try connection.statement(typedRows).rows { "\($0.text(0)) \($0.int64(1)) \($0.int64(2)) \($0.text(3))" }
        try connection.dropExceptionRaises()
        try connection.execute("PRAGMA user_version = 17;")
        XCTAssertThrowsError(try SQLiteStore(path: path, readOnly: true), "a wall refuses a store not yet upgraded")

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        let filled = try connection.statement(typedRows).rows { "\($0.text(0)) \($0.int64(1)) \($0.int64(2)) \($0.text(3))" }
        XCTAssertEqual(filled, typedAtIngest, "the upgrade types the raises as ingest does")
        XCTAssertEqual(filled.count, Int(try connection.scalar("SELECT count(*) FROM events WHERE type = 'exception.raised'")))

        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        var reraisedSeen = 0
        for day in 1...29 {
            for hour in ["00:00:00", "09:00:00", "12:00:00"] {
                let asOf = ts("2026-10-\(day < 10 ? "0" : "")\(day)T\(hour)Z")
                let stored = try await store.signals(asOf: asOf, window: .days(7), sections: .exceptions).exceptions
                XCTAssertEqual(stored, SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)).exceptions, "as of \(asOf)")
                reraisedSeen += try connection.statement(SQLiteSignalQueries.reraisedKindsAsOfT).bind(.integer(asOf.microseconds))
                    .rows { _ in 1 }.count
            }
        }
        XCTAssertGreaterThan(reraisedSeen, 0, "some instants count exceptions raised again after them")
    }
}
