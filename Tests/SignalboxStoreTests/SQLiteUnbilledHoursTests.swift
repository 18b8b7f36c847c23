import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Unbilled time read from whole approval hours plus the hours cut by T and the bucket edges must equal the
/// reference at instants inside hours, on hour boundaries and on the edges themselves.
final class SQLiteUnbilledHoursTests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    /// Approvals spread over 70 days at odd minutes, some re-approved (other currency), some billed.
    private func lines() -> [String] {
        var lines: [String] = []
        let start = ts("2026-09-01T00:00:00Z").microseconds
        for index in 0..<400 {
            let at = Timestamp(microseconds: start + Int64(index) * 4_211_000_000 * 3 + Int64(index % 7) * 60_000_000)
            lines.append(EventLines.timeApproved("a\(index)", entry: "T\(index)", hours: "\(index % 9 + 1)",
                                                 amount: "\(index * 10 + 5)", at: at.rfc3339))
            if index % 5 == 0 {
                let later = Timestamp(microseconds: at.microseconds + 86_400_000_000 * Int64(index % 13 + 1))
                lines.append(EventLines.timeApproved("r\(index)", entry: "T\(index)", hours: "2.5", amount: "250",
                                                     currency: "EUR", at: later.rfc3339))
            }
            if index % 3 == 0 {
                let billed = Timestamp(microseconds: at.microseconds + 3_600_000_000 * Int64(index % 50 + 1))
                lines.append(EventLines.invoice("i\(index)", entries: ["T\(index)"], at: billed.rfc3339))
            }
        }
        return lines
    }

    func testUnbilledEqualsTheReferenceAtEveryKindOfInstant() async throws {
        let lines = lines()
        let path = try directory.write("time.jsonl", lines.joined(separator: "\n") + "\n")
        let store = try SQLiteStore(path: directory.file("store.sqlite"))
        _ = try await IngestPipeline(batchSize: 37).ingest(path: path, into: store)
        let events = lines.map { try! CanonicalEvent(jsonLine: Array($0.utf8)) }

        let approvals = events.map(\.occurredAt.microseconds)
        let day: Int64 = 86_400_000_000
        var instants = [ts("2026-10-15T00:00:00Z"), ts("2026-11-10T13:27:41.5Z"), ts("2026-12-20T00:00:00Z")]
        for approval in approvals.prefix(60) {
            // T on an approval, and T placed so that the approval is exactly on a bucket edge.
            for offset in [0, 8 * day, 31 * day, 61 * day, 8 * day - 1, 31 * day + 1] {
                instants.append(Timestamp(microseconds: approval + offset))
            }
        }
        for asOf in instants {
            let stored = try await store.signals(asOf: asOf, window: .days(7)).unbilled
            let reference = SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)).unbilled
            XCTAssertEqual(stored, reference, "as of \(asOf)")
        }
    }

    func testTheHourTotalsEqualARecountOfUnbilledEntries() async throws {
        let path = try directory.write("time.jsonl", lines().joined(separator: "\n") + "\n")
        let store = try SQLiteStore(path: directory.file("store.sqlite"))
        _ = try await IngestPipeline(batchSize: 11).ingest(path: path, into: store)
        let connection = try SQLiteConnection(path: directory.file("store.sqlite"), readOnly: true)
        try SQLiteTimeEntryFile.attach(to: connection, readOnly: true)
        let recount = """
            SELECT currency, \(SQLiteSchema.hourOf("approved_at")) AS hour, sum(hours_units), sum(amount_units), count(*)
            FROM time_entries WHERE billed_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2
            """
        let kept = "SELECT currency, hour, hours_units, amount_units, entries FROM unbilled_hours WHERE entries <> 0 ORDER BY 1, 2"
        func rows(_ sql: String) throws -> [String] {
            try connection.statement(sql).rows { "\($0.text(0)) \($0.int64(1)) \($0.int64(2)) \($0.int64(3)) \($0.int64(4))" }
        }
        let expected = try rows(recount)
        XCTAssertFalse(expected.isEmpty)
        XCTAssertEqual(try rows(kept), expected)
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM unbilled_hours WHERE entries = 0 AND (hours_units <> 0 OR amount_units <> 0)"), 0)
    }
}
