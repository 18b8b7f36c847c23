import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 16: the approvals' index by entry holds the hours and `seq`, so unbilled time as of an earlier T reads the
/// approval as of T of each entry approved again since from index entries alone.
final class SQLiteSchemaVersion16Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    /// Entries approved up to three times, some at the same instant (ties go by arrival), some billed in between.
    private var lines: [String] {
        (0..<24).flatMap { index -> [String] in
            let day = String(format: "%02d", index % 12 + 1)
            let entry = "T\(index)"
            var lines = [EventLines.timeApproved("a\(index)", entry: entry, hours: "\(index % 5 + 1)", amount: "\(index * 10 + 5)",
                                                 at: "2026-10-\(day)T09:00:00Z")]
            if index % 2 == 0 {
                let again = index % 4 == 0 ? "2026-10-\(day)T09:00:00Z" : "2026-10-\(day)T18:00:00Z"
                lines.append(EventLines.timeApproved("b\(index)", entry: entry, hours: "2", amount: "200", currency: "EUR", at: again))
            }
            if index % 3 == 0 {
                lines.append(EventLines.timeApproved("c\(index)", entry: entry, hours: "7", amount: "700", at: "2026-10-2\(index % 8)T11:00:00Z"))
            }
            if index % 5 == 0 { lines.append(EventLines.invoice("i\(index)", entries: [entry], at: "2026-10-15T12:00:00Z")) }
            return lines
        }
    }

    func testMigratingAVersion15StoreWidensTheApprovalsIndexAndUnbilledTimeStaysTheReferences() async throws {
        let path = directory.file("v15.sqlite")
        _ = try await IngestPipeline(batchSize: 5).ingest(
            path: try directory.write("lines.jsonl", lines.joined(separator: "\n") + "\n"), into: try SQLiteStore(path: path))
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.dropInvoicePayments()
        try connection.dropExceptionRaises()
        try connection.execute("""
            DROP INDEX time_approvals_by_entry;
            CREATE INDEX time_approvals_by_entry ON time_approvals(time_entry_id, occurred_at, superseded_at, amount_units, currency);
            PRAGMA user_version = 15;
            """)
        XCTAssertThrowsError(try SQLiteStore(path: path, readOnly: true), "a wall refuses a store not yet upgraded")

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        let reader = try SQLiteConnection(path: path, readOnly: true)
        try SQLiteTimeEntryFile.attach(to: reader, readOnly: true)
        // Since schema 20 the approvals are the companion's, indexed as schema 16 widened them.
        XCTAssertEqual(try reader.statement("SELECT name FROM pragma_index_info('time_approvals_by_entry', '\(SQLiteTimeEntryFile.schemaName)') ORDER BY seqno")
                        .rows { $0.text(0) },
                       ["time_entry_id", "occurred_at", "seq", "superseded_at", "hours_units", "amount_units", "currency"])
        var reapprovedSeen = 0
        for day in 1...29 {
            for hour in ["09:00:00", "12:00:00", "18:00:00"] {
                let asOf = ts("2026-10-\(day < 10 ? "0" : "")\(day)T\(hour)Z")
                let stored = try await store.signals(asOf: asOf, window: .days(7), sections: .unbilledTime).unbilled
                XCTAssertEqual(stored, SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)).unbilled, "as of \(asOf)")
                reapprovedSeen += Int(try reader.statement(SQLiteSignalQueries.reapprovedAsOfT).bind(.integer(asOf.microseconds))
                    .rows { $0.int64(4) }.reduce(0, +))
            }
        }
        XCTAssertGreaterThan(reapprovedSeen, 0, "some instants count entries approved again after them")
    }
}
