import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 11 (the queue's keys at any size): upgrading a store indexes its open exceptions per sort key and counts
/// them per group; the counts equal the counting query before and after later writes, and every page of the queue
/// is an index walk that stops at its limit.
final class SQLiteSchemaVersion11Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    let now = ts("2026-11-20T00:00:00Z")

    /// A store of raised exceptions taken back to schema 10.
    func version10Store() async throws -> String {
        let path = directory.file("v10.sqlite")
        let lines = (0..<30).map { number in
            StoreConformanceTests.raisedLine("V-\(number)", kind: ["posting_failed", "rate_mismatch", "schema_violation"][number % 3],
                                             severity: "high", amount: number % 4 == 0 ? nil : "\(number)",
                                             subject: number % 5 == 0 ? nil : ("C-\(number % 4)", "Name \(number % 7)"),
                                             at: "2026-11-0\(1 + number % 9)T09:00:00Z")
        }
        _ = try await IngestPipeline(batchSize: 7).ingest(
            path: try directory.write("v10.jsonl", lines.joined(separator: "\n") + "\n"), into: try SQLiteStore(path: path))
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.dropEventSeconds()
        try connection.dropQueueIndexes()
        try connection.dropQueueText()
        try connection.dropInvoiceIndexesOfSchema15()
        try connection.dropInvoicePayments()
        try connection.dropExceptionRaises()
        try connection.dropContractValueBounds()
        try connection.execute("PRAGMA user_version = 10;")
        return path
    }

    /// The groups as the counting query (every store's, and schema 10's) counts them.
    func counted(_ grouping: ExceptionGrouping, in connection: SQLiteConnection) throws -> [ExceptionGroup] {
        let (sql, parameters) = ExceptionQuerySQL(query: ExceptionQuery(), now: now, dialect: SQLiteExceptionQueries.dialect)
            .groups(grouping)
        return try connection.statement(sql).bind(SQLiteExceptionQueries.values(parameters))
            .rows { ExceptionGroup(key: $0.text(0), label: $0.text(1), count: Int($0.int64(2))) }
    }

    func testAReadOnlyOpenOfAVersion10StoreSaysWhatToRunAndChangesNothing() async throws {
        let path = try await version10Store()
        XCTAssertThrowsError(try SQLiteStore(path: path, readOnly: true)) { error in
            XCTAssertEqual((error as? StoreError)?.description,
                           "store not ready for this build: \(path) is at schema version 10, this build needs \(SQLiteSchema.currentVersion) (run `signalbox migrate`)")
        }
        let connection = try SQLiteConnection(path: path, readOnly: true)
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'exception%open%'"), 0)
    }

    func testMigratingAVersion10StoreIndexesTheQueueAndCountsItsGroupsAsTheyChange() async throws {
        let path = try await version10Store()
        let store = try SQLiteStore(path: path)
        let connection = try SQLiteConnection(path: path, readOnly: false)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'exceptions_open_by_%'"),
                       Int64(ExceptionSortKey.allCases.count))
        for grouping in [ExceptionGrouping.kind, .subject] {
            let groups = try await store.exceptionGroups(grouping, query: ExceptionQuery(), now: now)
            XCTAssertEqual(groups, try counted(grouping, in: connection), "\(grouping), filled by the upgrade")
        }
        let kinds = try await store.exceptionGroups(.kind, query: ExceptionQuery(), now: now)
        XCTAssertEqual(kinds.map(\.count), [10, 10, 10])

        // After the upgrade: a re-raise that changes the kind and drops the subject, a new subject, a claim, a dismissal.
        let later = [
            StoreConformanceTests.raisedLine("V-1", kind: "schema_violation", severity: "low", amount: nil, subject: nil,
                                             at: "2026-11-12T09:00:00Z"),
            StoreConformanceTests.raisedLine("V-30", kind: "duplicate_event", severity: "low", amount: "1",
                                             subject: ("C-new", "New"), at: "2026-11-12T09:00:00Z"),
        ]
        _ = try await IngestPipeline().ingest(path: try directory.write("later.jsonl", later.joined(separator: "\n") + "\n"),
                                              into: store)
        let actor = try await store.identity().actor
        let claimed = try await store.exceptionRecord(id: "V-2")
        _ = try await store.perform(.claim, on: "V-2", seenVersion: try XCTUnwrap(claimed).version, by: actor, now: now)
        let dismissed = try await store.exceptionRecord(id: "V-3")
        _ = try await store.perform(.dismiss(reason: "duplicate"), on: "V-3", seenVersion: try XCTUnwrap(dismissed).version,
                                    by: actor, now: now)
        for grouping in [ExceptionGrouping.kind, .subject] {
            let groups = try await store.exceptionGroups(grouping, query: ExceptionQuery(), now: now)
            XCTAssertEqual(groups, try counted(grouping, in: connection), "\(grouping), after later writes")
        }
        let changed = try await store.exceptionGroups(.kind, query: ExceptionQuery(), now: now)
        XCTAssertEqual(changed.map(\.count), [11, 9, 9, 1])
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM exception_open_groups WHERE open_count <= 0"), 0,
                       "a group left empty goes")
    }

    /// Every sort key, both directions, first page and from a cursor: a walk of the key's index, with no sort step; from
    /// a cursor a seek, past the cursor's ties too where the key is a column.
    func testEveryPageOfOpenExceptionsIsAnIndexWalkThatStopsAtItsLimit() async throws {
        let path = directory.file("plans.sqlite")
        let connection = try SQLiteConnection(path: path, readOnly: false)
        _ = try SQLiteStore(path: path)
        for sort in ExceptionSortKey.allCases {
            for descending in [false, true] {
                for after in [nil, ExceptionCursor(sortValue: "1", exceptionID: "V-1")] {
                    var query = ExceptionQuery()
                    query.sort = sort
                    query.descending = descending
                    query.after = after
                    let plan = try self.plan(query, in: connection)
                    let what = "\(sort) descending \(descending) after \(after.map { _ in "a row" } ?? "nothing"): \(plan)"
                    XCTAssertTrue(plan.contains("USING INDEX \(ExceptionQueueIndexes.name(sort))"), what)
                    if after != nil { XCTAssertTrue(plan.contains("SEARCH"), "seeks to the cursor: \(what)") }
                    let comparison = descending ? "<" : ">"
                    if after != nil, [.age, .kind, .severity, .contract, .state].contains(sort) {
                        XCTAssertTrue(plan.contains(",exception_id)\(comparison)"), "seeks past the cursor's ties: \(what)")
                        XCTAssertFalse(plan.contains("TEMP B-TREE"), what)
                    } else if after != nil {
                        // An expression's index: the cursor's ties after its id, and the rows past its value, are two
                        // seeks; only the page they make (twice its limit at most) is sorted.
                        XCTAssertTrue(plan.contains("(<expr>=? AND exception_id\(comparison)?)"), "seeks into the ties: \(what)")
                        XCTAssertTrue(plan.contains("(<expr>\(comparison)?)"), "seeks past the value: \(what)")
                        XCTAssertEqual(plan.components(separatedBy: "TEMP B-TREE").count, 2, what)
                    } else {
                        XCTAssertFalse(plan.contains("TEMP B-TREE"), what)
                    }
                }
            }
        }
        var text = ExceptionQuery()
        text.text = "posting"
        let plan = try self.plan(text, in: connection)
        XCTAssertTrue(plan.contains("USING INDEX \(ExceptionQueueIndexes.name(.age))") && !plan.contains("TEMP B-TREE"),
                      "a text filter walks the age index until a page matches: \(plan)")
    }

    private func plan(_ query: ExceptionQuery, in connection: SQLiteConnection) throws -> String {
        let (sql, parameters) = ExceptionQuerySQL(query: query, now: now, dialect: SQLiteExceptionQueries.dialect).page()
        return try connection.statement("EXPLAIN QUERY PLAN " + sql).bind(SQLiteExceptionQueries.values(parameters))
            .rows { $0.text(3) }.joined(separator: "; ")
    }
}
