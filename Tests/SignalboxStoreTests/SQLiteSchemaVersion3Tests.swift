import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 3: a time entry lists its approvals (they left the entity index), an invoice of time not yet approved
/// is kept on a placeholder row, and the writer keeps the hour totals. (Since schema 4 these rows live in the
/// companion file, rebuilt there from the log when an older store is upgraded.)
final class SQLiteSchemaVersion3Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    private let lines = [
        EventLines.timeApproved("a1", entry: "A", hours: "2", amount: "200", at: "2026-11-01T09:00:00Z"),
        EventLines.timeApproved("a2", entry: "A", hours: "3", amount: "300", at: "2026-11-05T09:00:00Z"),
        EventLines.timeApproved("b1", entry: "B", hours: "1", amount: "100", at: "2026-11-02T09:00:00Z"),
        EventLines.invoice("i1", entries: ["B", "C"], at: "2026-11-03T09:00:00Z"),
    ]
    private let lateApproval = EventLines.timeApproved("c1", entry: "C", hours: "4", amount: "400", at: "2026-11-02T10:00:00Z")

    /// A version 2 store holding `lines` as version 2 wrote them (its triggers fill the hour totals).
    private func versionTwoStore() throws -> String {
        let path = directory.file("v2.sqlite")
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.execute(SQLiteSchema.migrations[0] + ";" + SQLiteSchema.migrations[1] + "; PRAGMA user_version = 2;")
        for line in lines { try connection.appendToLogOnly(line) }
        let approvedA = ts("2026-11-05T09:00:00Z").microseconds, approvedB = ts("2026-11-02T09:00:00Z").microseconds
        let billed = ts("2026-11-03T09:00:00Z").microseconds
        try connection.execute("""
            INSERT INTO time_entries VALUES ('A', 'C-1', 'r', \(approvedA), 30000, 3000000, 'USD', NULL),
                                            ('B', 'C-1', 'r', \(approvedB), 10000, 1000000, 'USD', \(billed));
            INSERT INTO invoiced_time_entries VALUES ('B', \(billed)), ('C', \(billed));
            """)
        return path
    }

    func testMigratingAVersion2StoreListsApprovalsAndKeepsTheInvoiceOfUnapprovedTime() async throws {
        let path = try versionTwoStore()
        let store = try SQLiteStore(path: path)
        let connection = try SQLiteConnection(path: path, readOnly: true)
        try SQLiteTimeEntryFile.attach(to: connection, readOnly: true)

        let rows = try connection.statement("""
            SELECT time_entry_id, approved_at IS NULL, billed_at, approval_seqs FROM time_entries ORDER BY 1
            """)
            .rows { "\($0.text(0)) \($0.int64(1)) \($0.optionalInt64(2).map(String.init) ?? "-") \($0.text(3))" }
        let billed = ts("2026-11-03T09:00:00Z").microseconds
        XCTAssertEqual(rows, ["A 0 - 1,2", "B 0 \(billed) 3", "C 1 \(billed) "])
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'unbilled_hours%' OR name = 'invoiced_time_entries'"), 0)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))

        // The invoice that came first still bills C when its approval arrives after the upgrade.
        _ = try await store.ingest(IngestBatch(lines: [.event(try CanonicalEvent(jsonLine: Array(lateApproval.utf8)), json: lateApproval)]))
        let events = try (lines + [lateApproval]).map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        // Before A's second approval its first one counts (found through the approvals its row lists).
        for asOf in [ts("2026-11-02T12:00:00Z"), ts("2026-11-04T00:00:00Z"), ts("2026-11-06T00:00:00Z")] {
            let stored = try await store.signals(asOf: asOf, window: .days(7)).unbilled
            XCTAssertEqual(stored, SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)).unbilled, "as of \(asOf)")
        }
        let entries = try await store.unbilledEntries(asOf: ts("2026-11-04T00:00:00Z"), limit: 10)
        XCTAssertEqual(entries.map(\.timeEntryID), ["A"])
        XCTAssertEqual(entries.first?.amount, ExactDecimal(units: 2_000_000), "A's approval as of T, not its later one")
    }

    func testAnInvoiceBeforeTheApprovalLeavesNothingUnbilled() async throws {
        let store = try SQLiteStore(path: directory.file("store.sqlite"))
        let invoice = EventLines.invoice("i9", entries: ["Z"], at: "2026-11-03T09:00:00Z")
        let approval = EventLines.timeApproved("z1", entry: "Z", hours: "1", amount: "100", at: "2026-11-01T09:00:00Z")
        for line in [invoice, approval] {
            _ = try await store.ingest(IngestBatch(lines: [.event(try CanonicalEvent(jsonLine: Array(line.utf8)), json: line)]))
        }
        let connection = try SQLiteConnection(path: directory.file("store.sqlite"), readOnly: true)
        try SQLiteTimeEntryFile.attach(to: connection, readOnly: true)
        XCTAssertEqual(try connection.scalar("SELECT coalesce(sum(entries), 0) FROM unbilled_hours"), 0)
        XCTAssertEqual(try connection.scalar("SELECT billed_at FROM time_entries WHERE time_entry_id = 'Z'"),
                       ts("2026-11-03T09:00:00Z").microseconds)
        let before = try await store.signals(asOf: ts("2026-11-02T00:00:00Z"), window: .days(7)).unbilled
        XCTAssertEqual(before["USD"]?.total.entries, 1, "unbilled between its approval and the invoice")
        let after = try await store.signals(asOf: ts("2026-11-04T00:00:00Z"), window: .days(7)).unbilled
        XCTAssertNil(after["USD"])
    }

    func testLookupsByEntityUseThePartialIndexOnlyWithItsCondition() throws {
        let connection = try SQLiteConnection(path: directory.file("store.sqlite"), readOnly: false)
        _ = try SQLiteStore(path: directory.file("store.sqlite"))
        func plan(_ sql: String) throws -> String {
            try connection.statement("EXPLAIN QUERY PLAN " + sql).rows { $0.text(3) }.joined(separator: "; ")
        }
        let withCondition = try plan("""
            SELECT seq FROM events WHERE entity_key = 'X' AND \(SQLiteSchema.entityIndexed) AND type = 'exception.raised'
            """)
        XCTAssertTrue(withCondition.contains("events_by_entity"), withCondition)
        let without = try plan("SELECT seq FROM events WHERE entity_key = 'X' AND type = 'exception.raised'")
        XCTAssertFalse(without.contains("events_by_entity"), "the condition must be repeated: \(without)")
    }
}
