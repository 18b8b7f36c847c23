import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// The backlog as of an earlier T counts an exception raised again after T under its kind as of T: the latest raise
/// at or before T, read from the log by SQLite's JSON, or by the parser where SQLite cannot name the kind.
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

    func testAKindSQLiteCannotNameIsReadByTheParser() async throws {
        let store = try await ingested()
        // The same raise, its key written with an escape: the parser reads "kind", SQLite's JSON finds no such key.
        let log = try SQLiteConnection(path: storePath, readOnly: false)
        try log.execute(#"UPDATE events SET payload = replace(payload, '"kind":', '"k\u0069nd":') WHERE event_id = 'r2'"#)
        let escaped = try log.statement("SELECT payload FROM events WHERE event_id = 'r2'").rows { $0.text(0) }.first ?? ""
        XCTAssertTrue(escaped.contains(#""k\u0069nd":"missing_master_data""#), escaped)

        let backlog = try await store.signals(asOf: ts("2026-10-10T00:00:00Z"), window: .days(7)).exceptions
        XCTAssertEqual(backlog.openByKind, ["missing_master_data": 1, "duplicate_event": 1])
        XCTAssertEqual(backlog, try reference(asOf: ts("2026-10-10T00:00:00Z")))
    }
}
