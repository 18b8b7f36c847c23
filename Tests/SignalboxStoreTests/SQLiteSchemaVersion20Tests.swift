import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 20 (companion version 5): the typed approvals (`time_approvals`) live in the time-entry companion, written by
/// the thread that writes the time entries, not by the log's writer; an upgrade replays them from the log.
final class SQLiteSchemaVersion20Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    /// Entries approved up to three times, out of order and at one instant, some invoiced with the approved amount
    /// and some with another.
    private var lines: [String] {
        (0..<16).flatMap { index -> [String] in
            let entry = "T\(index)", day = "2026-10-\(10 + index % 9)"
            var lines = [EventLines.timeApproved("a\(index)", entry: entry, hours: "3", amount: "300", at: "\(day)T09:00:00Z")]
            if index % 2 == 0 {
                lines.append(EventLines.timeApproved("b\(index)", entry: entry, hours: "1", amount: "100", at: "\(day)T12:00:00Z"))
            }
            if index % 3 == 0 {
                // Stored last, dated first: an approval that arrives late is superseded at once.
                lines.append(EventLines.timeApproved("c\(index)", entry: entry, hours: "2", amount: "200", at: "2026-10-0\(index % 9 + 1)T08:00:00Z"))
            }
            // Invoices bill 100: the even entries' latest approval, not the odd ones' 300 (or 200).
            if index % 4 < 2 { lines.append(EventLines.invoice("i\(index)", entries: [entry], at: "2026-10-20T10:00:00Z")) }
            return lines
        }
    }

    private static let approvalRows = """
        SELECT seq, time_entry_id, occurred_at, superseded_at, contract_id, role, work_date, hours_units, rate_units,
               amount_units, currency
        FROM \(SQLiteTimeEntryFile.schemaName).time_approvals ORDER BY seq
        """

    private func approvals(_ connection: SQLiteConnection) throws -> [String] {
        try connection.statement(Self.approvalRows).rows { row in
            (0..<11).map { row.isNull($0) ? "NULL" : row.text($0) }.joined(separator: " ")
        }
    }

    private func logHasApprovalsTable(_ connection: SQLiteConnection) throws -> Bool {
        try connection.scalar("SELECT count(*) FROM main.sqlite_schema WHERE name = 'time_approvals'") == 1
    }

    func testABulkIngestWritesTheApprovalsIntoTheCompanionNotTheLogsFile() async throws {
        let path = directory.file("store.sqlite")
        _ = try await IngestPipeline(batchSize: 4).ingest(
            path: try directory.write("lines.jsonl", lines.joined(separator: "\n") + "\n"), into: try SQLiteStore(path: path))
        let connection = try SQLiteConnection(path: path, readOnly: true)
        try SQLiteTimeEntryFile.attach(to: connection, readOnly: true)
        XCTAssertFalse(try logHasApprovalsTable(connection))
        XCTAssertEqual(try approvals(connection).count, lines.filter { $0.contains("time.approved") }.count)
        XCTAssertGreaterThan(try connection.scalar("SELECT count(*) FROM time_approvals WHERE superseded_at IS NOT NULL"), 0,
                             "the companion keeps each approval's supersession too")
    }

    func testMigratingAVersion19StoreMovesTheApprovalsToTheCompanionAsIngestWritesThem() async throws {
        let path = directory.file("v19.sqlite")
        _ = try await IngestPipeline(batchSize: 3).ingest(
            path: try directory.write("lines.jsonl", lines.joined(separator: "\n") + "\n"), into: try SQLiteStore(path: path))
        let connection = try SQLiteConnection(path: path, readOnly: false)
        let reader = try SQLiteConnection(path: path, readOnly: true)
        try SQLiteTimeEntryFile.attach(to: reader, readOnly: true)
        let atIngest = try approvals(reader)

        try connection.moveApprovalsBackToTheLog()
        try connection.execute("PRAGMA user_version = 19;")
        XCTAssertTrue(try logHasApprovalsTable(connection))
        XCTAssertThrowsError(try SQLiteStore(path: path, readOnly: true), "a wall refuses a store not yet upgraded")

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        XCTAssertFalse(try logHasApprovalsTable(connection), "the upgrade drops the log's copy")
        let upgraded = try SQLiteConnection(path: path, readOnly: true)
        try SQLiteTimeEntryFile.attach(to: upgraded, readOnly: true)
        XCTAssertEqual(try approvals(upgraded), atIngest, "the companion's approvals are those ingest writes, replayed from the log")

        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        for day in [8, 12, 16, 20, 24] {
            let asOf = ts("2026-10-\(day < 10 ? "0" : "")\(day)T18:00:00Z")
            let rows = try await store.reconciliationRows(of: [.billingMismatch, .rateLeakage], asOf: asOf, window: .days(7))
            let expected = SignalCalculator.reconciliationRows(events: events, asOf: asOf, window: .days(7))
            XCTAssertEqual(Set(rows.billingMismatch), Set(expected.billingMismatch), "as of \(asOf)")
            XCTAssertEqual(Set(rows.rateLeakage), Set(expected.rateLeakage), "as of \(asOf)")
            let unbilled = try await store.signals(asOf: asOf, window: .days(7), sections: .unbilledTime).unbilled
            XCTAssertEqual(unbilled, SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)).unbilled, "as of \(asOf)")
        }
        let mismatched = try await store.reconciliationRows(of: [.billingMismatch], asOf: ts("2026-10-24T18:00:00Z"), window: .days(7))
        XCTAssertFalse(mismatched.billingMismatch.isEmpty, "the data has invoices that bill other than the approval")
    }
}
