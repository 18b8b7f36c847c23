import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// The queue's text index (``SQLiteQueueText``): a text filter's pages read through it are the pages of the query
/// without it, in every sort order, before and after writes and after an upgrade; a rare match reads its few rows
/// instead of walking a sort index.
final class SQLiteQueueTextTests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    let now = ts("2026-11-20T00:00:00Z")

    /// Text with every character the filter escapes or folds: `%`, `_`, `\`, upper case, non-ASCII, and no subject.
    static let summaries = [
        "Posting failed: 100% of INV_7", #"path C:\tmp\x failed"#, "Échec de l'envoi à Zürich", "Straße nicht gefunden",
        "İstanbul ofisi yanıt vermedi", "rocket 🚀 launch", "plain summary", "a_b and a%b and a\\b", "UPPER CASE SUMMARY",
    ]
    static let subjects: [(key: String, name: String)?] = [
        nil, ("CRM-1", "Acme % Co"), ("CRM-2", "Zürich AG"), ("crm_3", "Straße GmbH"), nil, ("CRM-5", "ÉCOLE"),
    ]
    static let kinds = ["posting_failed", "rate_mismatch", "schema_violation", "duplicate_event"]

    /// Patterns matching none, one and many; with `%`, `_`, `\`; upper case; non-ASCII; 1, 2 and 3+ characters.
    static let patterns = [
        "zzz", "Q-0007", "q-00", "posting", "POSTING FAILED", "100%", "%", "inv_7", "_", "a_b", "a%b", #"\"#, #"c:\tmp"#,
        #"a\b"#, "échec", "ÉCHEC", "zürich", "ZÜRICH", "straße", "STRASSE", "i̇stanbul", "İstanbul", "🚀 l", "🚀", "ac",
        "é", "p", "CT-3", "crm-", "open", "claimed by", "dismissed", "resolved", "no subject", "summary", " ",
    ]

    func raisedLine(_ number: Int, summary: String? = nil, at: String = "2026-11-02T09:00:00Z") -> String {
        let id = String(format: "Q-%04d", number)
        let text = summary ?? Self.summaries[number % Self.summaries.count]
        let escaped = text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        let subject = Self.subjects[number % Self.subjects.count].map {
            #","subject":{"system":"CRM","key":"\#($0.key)","name":"\#($0.name)"}"#
        } ?? ""
        let money = number % 3 == 0 ? "" : #","amount_at_risk":"\#(number)","currency":"EUR""#
        return EventLines.envelope("raise-\(id)-\(at)", "exception.raised", at, correlation: "CT-\(number % 7)", data:
            #"{"exception_id":"\#(id)","kind":"\#(Self.kinds[number % 4])","severity":"high","summary":"\#(escaped)"\#(money)\#(subject)}"#)
    }

    /// A store of 45 exceptions, three of them resolved.
    func store() async throws -> (store: SQLiteStore, connection: SQLiteConnection, path: String) {
        let path = directory.file("text.sqlite")
        let store = try SQLiteStore(path: path)
        var lines = (0..<45).map { raisedLine($0, at: "2026-11-0\(1 + $0 % 9)T09:00:00Z") }
        lines += [3, 17, 30].map { EventLines.resolved("close-\($0)", exception: String(format: "Q-%04d", $0), at: "2026-11-10T09:00:00Z") }
        _ = try await IngestPipeline(batchSize: 11).ingest(
            path: try directory.write("text.jsonl", lines.joined(separator: "\n") + "\n"), into: store)
        return (store, try SQLiteConnection(path: path, readOnly: false), path)
    }

    /// Every page of `query` as `read` returns them, following each page's last cursor.
    func pages(_ query: ExceptionQuery, _ read: (ExceptionQuery) async throws -> [ExceptionRow]) async throws -> [[ExceptionRow]] {
        var query = query
        var pages: [[ExceptionRow]] = []
        while true {
            let page = try await read(query)
            pages.append(page)
            guard page.count == query.limit, let last = page.last else { return pages }
            query.after = last.cursor
        }
    }

    /// A page by the shared query alone: no text index.
    func unindexed(_ query: ExceptionQuery, in connection: SQLiteConnection) throws -> [ExceptionRow] {
        let (sql, parameters) = ExceptionQuerySQL(query: query, now: now, dialect: SQLiteExceptionQueries.dialect).page()
        return try connection.statement(sql).bind(SQLiteExceptionQueries.values(parameters)).rows(SQLiteExceptionQueries.row)
    }

    /// For every pattern, sort key, direction and with and without closed exceptions: the store's pages are the
    /// unindexed query's; returns how many exceptions each pattern found (open and closed, ascending by age).
    @discardableResult
    func assertPagesEqualUnindexed(_ store: SQLiteStore, _ connection: SQLiteConnection, _ patterns: [String] = patterns,
                                   file: StaticString = #filePath, line: UInt = #line) async throws -> [String: [String]] {
        var found: [String: [String]] = [:]
        for pattern in patterns {
            for sort in ExceptionSortKey.allCases {
                for descending in [false, true] {
                    for includeClosed in [false, true] {
                        var query = ExceptionQuery()
                        query.text = pattern
                        query.sort = sort
                        query.descending = descending
                        query.includeClosed = includeClosed
                        query.limit = 4
                        let indexed = try await pages(query) { try await store.exceptionRows($0, now: self.now) }
                        let expected = try await pages(query) { try self.unindexed($0, in: connection) }
                        XCTAssertEqual(indexed, expected, "\(pattern) by \(sort) descending \(descending) closed \(includeClosed)",
                                       file: file, line: line)
                        if sort == .age, !descending, includeClosed { found[pattern] = expected.flatMap { $0.map(\.exceptionID) } }
                    }
                }
            }
        }
        return found
    }

    func testATextFilterOfThreeCharactersOrMoreReadsTheIndexAndItsPagesAreTheUnindexedQuerys() async throws {
        let (store, connection, _) = try await store()
        let found = try await assertPagesEqualUnindexed(store, connection)
        XCTAssertEqual(found["zzz"], [])
        XCTAssertEqual(found["Q-0007"], ["Q-0007"])
        XCTAssertEqual(found["100%"]?.count, 5, "the summary with 100%, not every row")
        XCTAssertEqual(found["%"]?.count, 15, "a literal %: two summaries and a subject name, not every row")
        XCTAssertEqual(found["inv_7"]?.count, 5)
        XCTAssertEqual(found[#"c:\tmp"#]?.count, 5)
        XCTAssertEqual(found["échec"], [], "the stored É is not lowered (SQLite's lower() is ASCII's), as before the index")
        XCTAssertEqual(found["ÉCHEC"], [])
        XCTAssertEqual(found["ZÜRICH"], found["zürich"])
        XCTAssertEqual(found["zürich"]?.count, 10, "a summary and a subject name")
        XCTAssertEqual(found["STRASSE"], [], "ß is not ss")
        XCTAssertEqual(found["resolved"]?.count, 3, "closed exceptions, by their state label")
        for pattern in Self.patterns {
            var query = ExceptionQuery()
            query.text = pattern
            let candidates = try SQLiteQueueText.candidates(for: query, in: connection)
            XCTAssertEqual(candidates != nil, pattern.lowercased().unicodeScalars.count >= 3,
                           "\(pattern): the index is read for three characters or more")
        }
    }

    /// Groups by a text filter count through the index too.
    func testGroupsOfATextFilterAreTheUnindexedCounts() async throws {
        let (store, connection, _) = try await store()
        for pattern in ["zürich", "a%b", "zzz", "Q-0007", "resolved"] {
            for grouping in [ExceptionGrouping.kind, .subject] {
                var query = ExceptionQuery()
                query.text = pattern
                query.includeClosed = pattern == "resolved"
                let (sql, parameters) = ExceptionQuerySQL(query: query, now: now, dialect: SQLiteExceptionQueries.dialect).groups(grouping)
                let counted = try connection.statement(sql).bind(SQLiteExceptionQueries.values(parameters))
                    .rows { ExceptionGroup(key: $0.text(0), label: $0.text(1), count: Int($0.int64(2))) }
                let groups = try await store.exceptionGroups(grouping, query: query, now: now)
                XCTAssertEqual(groups, counted, "\(pattern) by \(grouping)")
            }
        }
    }

    /// The exceptions the index finds holding the whole of `text`.
    func indexed(_ text: String, in connection: SQLiteConnection) throws -> [String] {
        let whole = try XCTUnwrap(SQLiteQueueText.matches(text).last)
        return try connection.statement("""
            SELECT exception_id FROM exception_text_ids WHERE text_id IN
                (SELECT rowid FROM exception_text WHERE exception_text MATCH ?1) ORDER BY 1
            """).bind(.text(whole)).rows { $0.text(0) }
    }

    func testTheIndexFollowsReRaisesClaimsDismissalsAndCloses() async throws {
        let (store, connection, _) = try await store()
        XCTAssertEqual(try indexed("plain summary", in: connection), ["Q-0006", "Q-0015", "Q-0024", "Q-0033", "Q-0042"])
        // A later raise of Q-0006 with a new summary; a new exception; a claim; a dismissal; a close.
        let later = [raisedLine(6, summary: "Renamed after re-raise", at: "2026-11-12T09:00:00Z"),
                     raisedLine(45, summary: "Brand new one", at: "2026-11-12T09:00:00Z"),
                     EventLines.resolved("close-24", exception: "Q-0024", at: "2026-11-13T09:00:00Z")]
        _ = try await IngestPipeline().ingest(path: try directory.write("later.jsonl", later.joined(separator: "\n") + "\n"),
                                              into: store)
        let actor = try await store.identity().actor
        let claimed = try await store.exceptionRecord(id: "Q-0015")
        _ = try await store.perform(.claim, on: "Q-0015", seenVersion: try XCTUnwrap(claimed).version, by: actor, now: now)
        let dismissed = try await store.exceptionRecord(id: "Q-0033")
        _ = try await store.perform(.dismiss(reason: "duplicate"), on: "Q-0033", seenVersion: try XCTUnwrap(dismissed).version,
                                    by: actor, now: now)

        XCTAssertEqual(try indexed("plain summary", in: connection), ["Q-0015", "Q-0024", "Q-0033", "Q-0042"],
                       "the re-raised exception's old summary left the index")
        XCTAssertEqual(try indexed("renamed after", in: connection), ["Q-0006"])
        XCTAssertEqual(try indexed("brand new", in: connection), ["Q-0045"])
        XCTAssertEqual(try indexed("claimed by", in: connection), ["Q-0015"])
        XCTAssertEqual(try indexed("dismissed by", in: connection), ["Q-0033"])
        XCTAssertEqual(try indexed("resolved by", in: connection), ["Q-0003", "Q-0017", "Q-0024", "Q-0030"])
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM exception_text_ids"), 46)
        XCTAssertEqual(try pendingCount(connection), 0, "each writing transaction indexed what it changed")
        try await assertPagesEqualUnindexed(store, connection, Self.patterns + ["renamed", "brand new", "by \(actor)"])
    }

    func pendingCount(_ connection: SQLiteConnection) throws -> Int64 {
        try connection.scalar("SELECT count(*) FROM exception_text_pending")
    }

    /// A change written around this build's writers (here plain SQL, as `sqlite3` would write it) is noted, not
    /// indexed: until a write through the store indexes it, a text filter walks a sort index instead of trusting
    /// the index.
    func testAChangeWrittenAroundTheStoreIsNotReadFromTheIndexUntilTheNextWriteIndexesIt() async throws {
        let (store, connection, _) = try await store()
        try connection.execute("UPDATE exceptions SET summary = 'Edited around the store' WHERE exception_id = 'Q-0006'")
        XCTAssertEqual(try pendingCount(connection), 1)
        var query = ExceptionQuery()
        query.text = "edited around"
        XCTAssertNil(try SQLiteQueueText.candidates(for: query, in: connection), "the index does not hold the change yet")
        let found = try await assertPagesEqualUnindexed(store, connection, ["edited around", "plain summary", "Q-0006"])
        XCTAssertEqual(found["edited around"], ["Q-0006"])

        _ = try await IngestPipeline().ingest(path: try directory.write("next.jsonl", raisedLine(45) + "\n"), into: store)
        XCTAssertEqual(try pendingCount(connection), 0)
        XCTAssertEqual(try indexed("edited around", in: connection), ["Q-0006"])
        XCTAssertEqual(try indexed("plain summary", in: connection), ["Q-0015", "Q-0024", "Q-0033", "Q-0042"],
                       "the index forgot the text it held before the change")
        XCTAssertNotNil(try SQLiteQueueText.candidates(for: query, in: connection))
        try await assertPagesEqualUnindexed(store, connection, ["edited around", "plain summary", "Q-0006", "Q-0045"])
    }

    /// Schema 19 notes changes and indexes them per transaction; a store of schema 18 had them indexed row by row.
    /// The upgrade keeps what the older triggers indexed, and the index follows later writes.
    func testUpgradingFromRowByRowIndexingKeepsTheIndexAndFollowsLaterWrites() async throws {
        let (_, connection, path) = try await store()
        try connection.restoreRowByRowTextIndexing()
        try connection.execute("PRAGMA user_version = 18;")
        try connection.execute("UPDATE exceptions SET summary = 'Written under schema 18' WHERE exception_id = 'Q-0006'")
        XCTAssertEqual(try indexed("under schema 18", in: connection), ["Q-0006"], "the older trigger indexed it at once")

        let upgraded = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        XCTAssertEqual(try pendingCount(connection), 0)
        XCTAssertEqual(try indexed("under schema 18", in: connection), ["Q-0006"])
        let later = [raisedLine(6, summary: "Renamed after the upgrade", at: "2026-11-12T09:00:00Z"),
                     raisedLine(45, summary: "Raised after the upgrade", at: "2026-11-12T09:00:00Z")]
        _ = try await IngestPipeline().ingest(path: try directory.write("later.jsonl", later.joined(separator: "\n") + "\n"),
                                              into: upgraded)
        XCTAssertEqual(try indexed("under schema 18", in: connection), [])
        XCTAssertEqual(try indexed("after the upgrade", in: connection), ["Q-0006", "Q-0045"])
        XCTAssertEqual(try pendingCount(connection), 0)
        try await assertPagesEqualUnindexed(upgraded, connection, Self.patterns + ["after the upgrade", "under schema"])
    }

    func testAFilterMatchingManyExceptionsWalksTheSortIndexAndOneMatchingFewReadsTheIndex() async throws {
        let (_, connection, _) = try await store()
        var query = ExceptionQuery()
        // Five exceptions hold "plain summary", ten its last six characters ("ummary", also in "UPPER CASE SUMMARY"):
        // from six on the whole text is asked for once its end finds too many.
        query.text = "plain summary"
        XCTAssertNil(try SQLiteQueueText.candidates(for: query, in: connection, rareMatches: 5))
        XCTAssertNotNil(try SQLiteQueueText.candidates(for: query, in: connection, rareMatches: 6))
        XCTAssertNotNil(try SQLiteQueueText.candidates(for: query, in: connection, rareMatches: 11))
    }

    /// A rare match reads the exceptions the index found and sorts them, in every sort order: it never walks a sort
    /// index. A filter too short for the index keeps walking one.
    func testARareMatchReadsTheIndexInsteadOfWalkingASortIndex() async throws {
        let (_, connection, _) = try await store()
        for sort in ExceptionSortKey.allCases {
            for after in [nil, ExceptionCursor(sortValue: "1", exceptionID: "Q-0001")] {
                var query = ExceptionQuery()
                query.text = "Q-0007"
                query.sort = sort
                query.after = after
                let candidates = try XCTUnwrap(try SQLiteQueueText.candidates(for: query, in: connection))
                let plan = try self.plan(query, candidates, in: connection)
                XCTAssertTrue(plan.contains("json_each VIRTUAL TABLE"), "reads the index's rows: \(sort): \(plan)")
                XCTAssertTrue(plan.contains("SEARCH exceptions USING PRIMARY KEY (exception_id=?)"), "\(sort): \(plan)")
                XCTAssertFalse(plan.contains("exceptions_open_by_"), "\(sort): \(plan)")
            }
        }
        var short = ExceptionQuery()
        short.text = "q-"
        XCTAssertNil(try SQLiteQueueText.candidates(for: short, in: connection))
        XCTAssertTrue(try plan(short, nil, in: connection).contains("USING INDEX \(ExceptionQueueIndexes.name(.age))"))
    }

    private func plan(_ query: ExceptionQuery, _ candidates: ExceptionQuerySQL.TextCandidates?,
                      in connection: SQLiteConnection) throws -> String {
        let (sql, parameters) = ExceptionQuerySQL(query: query, now: now, dialect: SQLiteExceptionQueries.dialect,
                                                  textCandidates: candidates).page()
        return try connection.statement("EXPLAIN QUERY PLAN " + sql).bind(SQLiteExceptionQueries.values(parameters))
            .rows { $0.text(3) }.joined(separator: "; ")
    }

    func testUpgradingAStoreIndexesTheTextOfEveryException() async throws {
        let (_, connection, path) = try await store()
        try connection.dropQueueText()
        try connection.dropInvoiceIndexesOfSchema15()
        try connection.dropInvoicePayments()
        try connection.dropExceptionRaises()
        try connection.dropContractValueBounds()
        try connection.execute("PRAGMA user_version = 12;")   // before the text index (13)
        XCTAssertThrowsError(try SQLiteStore(path: path, readOnly: true))
        let upgraded = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM exception_text_ids"), 45)
        XCTAssertEqual(try indexed("plain summary", in: connection), ["Q-0006", "Q-0015", "Q-0024", "Q-0033", "Q-0042"])
        try await assertPagesEqualUnindexed(upgraded, connection)
    }
}
