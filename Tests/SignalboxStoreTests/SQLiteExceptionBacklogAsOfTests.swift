import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// The backlog as of an earlier T counts an exception raised again after T under its kind as of T: the latest raise
/// at or before T, from the typed raises (schema 18), whose kind the parser read at ingest.
final class SQLiteExceptionBacklogAsOfTests: XCTestCase {
    var directory: TemporaryDirectory!
    var storePath: String { directory.file("store.sqlite") }

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    private let lines = [
        EventLines.raised("r1", exception: "EXC-1", kind: "posting_failed", at: "2026-10-01T09:00:00Z"),
        EventLines.raised("r2", exception: "EXC-1", kind: "missing_master_data", at: "2026-10-05T09:00:00Z"),
        EventLines.raised("r3", exception: "EXC-1", kind: "rate_mismatch", at: "2026-10-20T09:00:00Z"),
        EventLines.raised("s1", exception: "EXC-2", kind: "duplicate_event", at: "2026-10-02T09:00:00Z"),
        EventLines.raised("s2", exception: "EXC-2", kind: "duplicate_event", at: "2026-10-25T09:00:00Z"),
    ]

    private func ingested() async throws -> SQLiteStore {
        let store = try SQLiteStore(path: storePath)
        _ = try await store.ingest(IngestBatch(lines: try lines.map { .event(try CanonicalEvent(jsonLine: Array($0.utf8)), json: $0) }))
        return store
    }

    private func reference(asOf: Timestamp) throws -> ExceptionBacklog {
        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        return SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)).exceptions
    }

    func testAnExceptionRaisedAgainAfterTCountsUnderItsKindAsOfT() async throws {
        let store = try await ingested()
        for asOf in ["2026-10-03T00:00:00Z", "2026-10-10T00:00:00Z", "2026-10-30T00:00:00Z"].map(ts) {
            let backlog = try await store.signals(asOf: asOf, window: .days(7)).exceptions
            XCTAssertEqual(backlog, try reference(asOf: asOf), "as of \(asOf)")
        }
        let tenth = try await store.signals(asOf: ts("2026-10-10T00:00:00Z"), window: .days(7)).exceptions
        XCTAssertEqual(tenth.openByKind, ["missing_master_data": 1, "duplicate_event": 1])
    }

    func testAKindWrittenWithAnEscapeIsTheKindTheParserReads() async throws {
        // The raise r2 with its key written with an escape: SQLite's JSON would find no "kind" key; the parser does.
        let escapedLines = lines.map { $0.contains(#""r2""#) ? $0.replacingOccurrences(of: #""kind":"#, with: #""k\u0069nd":"#) : $0 }
        XCTAssertTrue(escapedLines[1].contains(#""k\u0069nd":"missing_master_data""#), escapedLines[1])
        let store = try SQLiteStore(path: storePath)
        _ = try await store.ingest(IngestBatch(lines: try escapedLines.map { .event(try CanonicalEvent(jsonLine: Array($0.utf8)), json: $0) }))

        let backlog = try await store.signals(asOf: ts("2026-10-10T00:00:00Z"), window: .days(7)).exceptions
        XCTAssertEqual(backlog.openByKind, ["missing_master_data": 1, "duplicate_event": 1])
        XCTAssertEqual(backlog, try reference(asOf: ts("2026-10-10T00:00:00Z")))
    }

    func testTheKindAsOfTIsReadFromARangeOfTheTypedRaises() throws {
        _ = try SQLiteStore(path: storePath)
        let connection = try SQLiteConnection(path: storePath, readOnly: true)
        let plan = try connection.statement("EXPLAIN QUERY PLAN \(SQLiteSignalQueries.reraisedKindsAsOfT)").bind(.integer(0)).rows { $0.text(3) }
        XCTAssertTrue(plan.contains("SEARCH r USING PRIMARY KEY (exception_id=? AND occurred_at<?)"), "\(plan)")
        XCTAssertFalse(plan.contains { $0.contains("events") || $0.contains("TEMP B-TREE") }, "\(plan)")
    }
}
