import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import Synchronization
import XCTest

/// The time-entry projection lives in a companion file written after the log commits: whatever it misses
/// (another writer's events, a crash between the two commits, a lost or foreign file) is replayed from the log,
/// and the signals always end up equal to the reference computed from the events.
final class SQLiteTimeEntryFileTests: XCTestCase {
    var directory: TemporaryDirectory!
    var storePath: String { directory.file("store.sqlite") }

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    /// Approvals of entries T0…T(n-1) (every third re-approved), and invoices of every fourth, from `prefix`.
    private func timeLines(_ prefix: String, count: Int) -> [String] {
        (0..<count).flatMap { index -> [String] in
            let day = String(format: "%02d", index % 20 + 1)
            var lines = [EventLines.timeApproved("\(prefix)a\(index)", entry: "\(prefix)T\(index)", hours: "\(index % 7 + 1)",
                                                 amount: "\(index * 10 + 5)", at: "2026-10-\(day)T09:00:00Z")]
            if index % 3 == 0 {
                lines.append(EventLines.timeApproved("\(prefix)r\(index)", entry: "\(prefix)T\(index)", hours: "2", amount: "200",
                                                     currency: "EUR", at: "2026-10-\(day)T15:00:00Z"))
            }
            if index % 4 == 0 { lines.append(EventLines.invoice("\(prefix)i\(index)", entries: ["\(prefix)T\(index)"], at: "2026-10-25T09:00:00Z")) }
            return lines
        }
    }

    private func batch(_ lines: [String]) throws -> IngestBatch {
        IngestBatch(lines: try lines.map { .event(try CanonicalEvent(jsonLine: Array($0.utf8)), json: $0) })
    }

    /// Unbilled time of a fresh read-only handle equals the reference, at instants around every approval day.
    private func assertUnbilledMatchesReference(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) async throws {
        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        let reader = try SQLiteStore(path: storePath, readOnly: true)
        for asOf in ["2026-10-05T12:00:00Z", "2026-10-20T10:00:00Z", "2026-10-26T00:00:00Z", "2026-11-30T00:00:00Z"].map(ts) {
            let stored = try await reader.signals(asOf: asOf, window: .days(7)).unbilled
            XCTAssertEqual(stored, SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)).unbilled,
                           "as of \(asOf)", file: file, line: line)
        }
    }

    private func appliedSequence() throws -> Int64 {
        let connection = try SQLiteConnection(path: storePath, readOnly: true)
        try SQLiteTimeEntryFile.attach(to: connection, readOnly: true)
        return try connection.scalar("SELECT applied_seq FROM ledger_state")
    }

    func testAnotherWriterBetweenTheTransactionsOfAStreamedIngestIsReplayed() async throws {
        let bulk = timeLines("b", count: 60), other = timeLines("o", count: 30)
        let store = try SQLiteStore(path: storePath)
        let otherHandle = try SQLiteStore(path: storePath)
        let script = try InterleavedScript(batches: stride(from: 0, to: bulk.count, by: 20).map {
            try batch(Array(bulk[$0..<min($0 + 20, bulk.count)]))
        }, otherBatches: stride(from: 0, to: other.count, by: 15).map {
            try batch(Array(other[$0..<min($0 + 15, other.count)]))
        }, otherStore: otherHandle)

        // One transaction per batch: the other handle writes between them, while the companion may still be
        // committing the previous one.
        _ = try await store.ingest(linesPerTransaction: 1, next: { try await script.next() }, committed: { _ in })

        try await assertUnbilledMatchesReference(bulk + other)
        let logEnd = try await store.events(correlationID: "C-1").map(\.sequence).max()
        XCTAssertEqual(try appliedSequence(), logEnd, "the companion has applied the whole log")
    }

    func testACommitIsReportedOnceTheTimeEntriesAreCommittedToo() async throws {
        let lines = timeLines("p", count: 80)
        let store = try SQLiteStore(path: storePath)
        let script = try InterleavedScript(batches: stride(from: 0, to: lines.count, by: 16).map {
            try batch(Array(lines[$0..<min($0 + 16, lines.count)]))
        }, otherBatches: [], otherStore: store)
        let path = storePath
        let trailing = Mutex<[Int64]>([])
        let reports = Mutex(0)

        _ = try await store.ingest(linesPerTransaction: 1, next: { try await script.next() }, committed: { _ in
            // What a reader sees at the moment of the report: committed log events the companion has not applied.
            let lag = Result { () throws -> Int64 in
                let reader = try SQLiteConnection(path: path, readOnly: true)
                try SQLiteTimeEntryFile.attach(to: reader, readOnly: true)
                return try reader.scalar("SELECT (SELECT max(seq) FROM events) - (SELECT applied_seq FROM ledger_state)")
            }
            trailing.withLock { $0.append((try? lag.get()) ?? -1) }
            reports.withLock { $0 += 1 }
        })

        XCTAssertGreaterThan(reports.withLock { $0 }, 3)
        XCTAssertEqual(trailing.withLock { $0 }, Array(repeating: 0, count: reports.withLock { $0 }))
    }

    func testEventsTheCompanionMissedAreReplayedWhenTheStoreIsOpened() async throws {
        let first = timeLines("f", count: 40), missed = timeLines("m", count: 25)
        do {
            let store = try SQLiteStore(path: storePath)
            _ = try await store.ingest(try batch(first))
        }
        // A crash between the log's commit and the companion's: the log has events the companion never saw.
        let connection = try SQLiteConnection(path: storePath, readOnly: false)
        try connection.ingestIntoTheLogsFileOnly(missed)
        let readerBefore = try SQLiteStore(path: storePath, readOnly: true)
        let trailing = try await readerBefore.signals(asOf: ts("2026-11-30T00:00:00Z"), window: .days(7)).unbilled
        let firstOnly = SignalCalculator.compute(events: try first.map { try CanonicalEvent(jsonLine: Array($0.utf8)) },
                                                 asOf: ts("2026-11-30T00:00:00Z"), window: .days(7)).unbilled
        XCTAssertEqual(trailing, firstOnly, "a reader sees the companion as it was committed")
        let missedEvents = try await readerBefore.eventsNotYetInSignals()
        XCTAssertEqual(missedEvents, missed.count, "and can tell how much it leaves out")

        _ = try SQLiteStore(path: storePath)
        try await assertUnbilledMatchesReference(first + missed)
        let afterCatchUp = try await readerBefore.eventsNotYetInSignals()
        XCTAssertEqual(afterCatchUp, 0)
    }

    /// Unbilled time as of an earlier T takes an entry approved again after T at its approval as of T: the latest
    /// the companion has applied, not one the log's file holds and the companion has not yet seen.
    func testAnEntryApprovedAgainAfterTIsCountedAsTheCompanionHasIt() async throws {
        let applied = [
            EventLines.timeApproved("a1", entry: "T1", hours: "3", amount: "300", at: "2026-10-01T09:00:00Z"),
            EventLines.timeApproved("a2", entry: "T1", hours: "5", amount: "500", at: "2026-10-10T09:00:00Z"),
            EventLines.timeApproved("b1", entry: "T2", hours: "1", amount: "100", at: "2026-10-02T09:00:00Z"),
        ]
        let notYetApplied = EventLines.timeApproved("a3", entry: "T1", hours: "7", amount: "700", at: "2026-10-03T09:00:00Z")
        do {
            let store = try SQLiteStore(path: storePath)
            _ = try await store.ingest(try batch(applied))
        }
        let reader = try SQLiteStore(path: storePath, readOnly: true)
        let asOf = ts("2026-10-05T00:00:00Z")
        let appliedEvents = try applied.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        let expected = SignalCalculator.compute(events: appliedEvents, asOf: asOf, window: .days(7)).unbilled
        XCTAssertEqual(expected["USD"]?.total.amount, ExactDecimal(units: 4_000_000), "T1 at its first approval (300), T2 (100)")
        let before = try await reader.signals(asOf: asOf, window: .days(7)).unbilled
        XCTAssertEqual(before, expected)

        try SQLiteConnection(path: storePath, readOnly: false).ingestIntoTheLogsFileOnly([notYetApplied])
        let lagging = try await reader.signals(asOf: asOf, window: .days(7)).unbilled
        XCTAssertEqual(lagging, expected, "the approval the companion has not applied is not counted yet")

        _ = try SQLiteStore(path: storePath)   // a writer's open replays it into the companion
        let caughtUp = try await reader.signals(asOf: asOf, window: .days(7)).unbilled
        let allEvents = appliedEvents + [try CanonicalEvent(jsonLine: Array(notYetApplied.utf8))]
        XCTAssertEqual(caughtUp, SignalCalculator.compute(events: allEvents, asOf: asOf, window: .days(7)).unbilled)
        XCTAssertEqual(caughtUp["USD"]?.total.amount, ExactDecimal(units: 8_000_000), "T1 at its approval of 10-03 (700), T2 (100)")
    }

    /// §10.2 compares each invoiced entry with its approval, which the companion holds and may not have applied yet:
    /// an invoice stored after the companion's last commit waits for it instead of listing its entries unapproved.
    func testAnInvoiceTheCompanionHasNotReachedIsNotReportedUnapproved() async throws {
        do {
            let store = try SQLiteStore(path: storePath)
            _ = try await store.ingest(try batch([
                EventLines.timeApproved("a1", entry: "T1", hours: "1", amount: "100", at: "2026-10-01T09:00:00Z"),
                EventLines.invoice("i1", entries: ["T1"], at: "2026-10-02T09:00:00Z"),
            ]))
        }
        // Between a bulk ingest's two commits: T2's approval and invoice (billed as approved) and T3's invoice (billed
        // 100, approved 300) are in the log's file, not yet in the companion.
        try SQLiteConnection(path: storePath, readOnly: false).ingestIntoTheLogsFileOnly([
            EventLines.timeApproved("a2", entry: "T2", hours: "1", amount: "100", at: "2026-10-03T09:00:00Z"),
            EventLines.timeApproved("a3", entry: "T3", hours: "3", amount: "300", at: "2026-10-03T09:00:00Z"),
            EventLines.invoice("i2", entries: ["T2", "T3"], at: "2026-10-04T09:00:00Z"),
        ])
        let reader = try SQLiteStore(path: storePath, readOnly: true)
        let asOf = ts("2026-10-05T00:00:00Z")
        let lagging = try await reader.reconciliationRows(of: [.billingMismatch], asOf: asOf, window: .days(7))
        XCTAssertEqual(lagging.billingMismatch, [], "neither T2 nor T3 is reported before the companion has their approvals")

        _ = try SQLiteStore(path: storePath)   // a writer's open replays them into the companion
        let caughtUp = try await reader.reconciliationRows(of: [.billingMismatch], asOf: asOf, window: .days(7))
        XCTAssertEqual(caughtUp.billingMismatch.map(\.timeEntryID), ["T3"], "then only the entry billed other than approved")
        XCTAssertEqual(caughtUp.billingMismatch.first?.approvedAmount, ExactDecimal(units: 3_000_000))
    }

    /// The entries approved again after T are found among those approved more than once (a partial index), not by
    /// reading every entry approved after T, and with their approvals as of T from index entries alone (companion
    /// version 3, store schema 16); a companion from before that index gets it from the next writer.
    func testEntriesApprovedAgainAreFoundByTheirOwnIndexWhichAnUpgradeAdds() async throws {
        do {
            let store = try SQLiteStore(path: storePath)
            _ = try await store.ingest(try batch(timeLines("p", count: 30)))
        }
        let planner = try SQLiteConnection(path: storePath, readOnly: true)
        try SQLiteTimeEntryFile.attach(to: planner, readOnly: true)
        let plan = try planner.statement("EXPLAIN QUERY PLAN " + SQLiteSignalQueries.reapprovedAsOfT).bind(.integer(0)).rows { $0.text(3) }
        XCTAssertEqual(plan.filter { $0.contains("COVERING INDEX time_entries_reapproved") }.count, 2, "\(plan)")
        XCTAssertEqual(plan.filter { $0.hasPrefix("SCAN") }, ["SCAN m"], "only the found entries are walked")
        XCTAssertEqual(plan.filter { $0.contains(" a ") || $0.contains(" b ") },
                       ["SEARCH a USING COVERING INDEX time_approvals_by_entry (time_entry_id=? AND occurred_at<?)",
                        "SEARCH b USING COVERING INDEX time_approvals_by_entry (time_entry_id=? AND occurred_at<?)"],
                       "each entry's approval as of T is read from the index by entry, not from the table")

        // The companion as the build before wrote it: version 1, no such index, no approvals.
        let connection = try SQLiteConnection(path: storePath, readOnly: false)
        try connection.statement("ATTACH DATABASE ? AS old").bind(.text(SQLiteTimeEntryFile.path(forStore: storePath))).run()
        try connection.execute("""
            DROP INDEX old.time_entries_reapproved; DROP TABLE old.time_approvals; PRAGMA old.user_version = 1; DETACH DATABASE old
            """)
        XCTAssertThrowsError(try SQLiteStore(path: storePath, readOnly: true), "a reader does not upgrade it") { error in
            XCTAssertTrue("\(error)".contains("time-entry file"), "\(error)")
        }
        _ = try SQLiteStore(path: storePath)
        try await assertTheCompanionIsCurrentAndUnbilledMatchesTheReference()

        // Version 2's index, without the column its condition reads: the next writer replaces it.
        try connection.statement("ATTACH DATABASE ? AS old").bind(.text(SQLiteTimeEntryFile.path(forStore: storePath))).run()
        try connection.execute("""
            DROP INDEX old.time_entries_reapproved;
            CREATE INDEX old.time_entries_reapproved ON time_entries(billed_at, approved_at) WHERE instr(approval_seqs, ',') > 0;
            DROP TABLE old.time_approvals; PRAGMA old.user_version = 2; DETACH DATABASE old
            """)
        XCTAssertThrowsError(try SQLiteStore(path: storePath, readOnly: true), "a reader does not upgrade it")
        _ = try SQLiteStore(path: storePath)
        try await assertTheCompanionIsCurrentAndUnbilledMatchesTheReference()
    }

    /// A filtered unbilled drill-down, and its count, read the entries from the unbilled index alone, both halves of
    /// its condition (companion version 4); a companion from before gets the wider index from the next writer.
    func testAFilteredUnbilledListIsReadFromItsIndexWhichAnUpgradeWidens() async throws {
        do {
            let store = try SQLiteStore(path: storePath)
            _ = try await store.ingest(try batch(timeLines("u", count: 30)))
        }
        // The companion as the build before wrote it: version 3, the index without the texts the filter searches, no
        // approvals.
        let connection = try SQLiteConnection(path: storePath, readOnly: false)
        try connection.statement("ATTACH DATABASE ? AS old").bind(.text(SQLiteTimeEntryFile.path(forStore: storePath))).run()
        try connection.execute("""
            DROP INDEX old.time_entries_unbilled;
            CREATE INDEX old.time_entries_unbilled ON time_entries(billed_at, approved_at, currency, hours_units, amount_units);
            DROP TABLE old.time_approvals; PRAGMA old.user_version = 3; DETACH DATABASE old
            """)
        XCTAssertThrowsError(try SQLiteStore(path: storePath, readOnly: true), "a reader does not upgrade it")
        _ = try SQLiteStore(path: storePath)

        let planner = try SQLiteConnection(path: storePath, readOnly: true)
        try SQLiteTimeEntryFile.attach(to: planner, readOnly: true)
        let request = DetailRequest(filter: DetailFilter("!ut1"), sortColumn: 6, limit: 5)
        let asOf = ts("2026-10-20T10:00:00Z"), dialect = SQLiteExceptionQueries.dialect
        for query in [DetailListSQL.unbilledPage(asOf: asOf, request: request, dialect: dialect),
                      DetailListSQL.unbilledCount(asOf: asOf, request: request, dialect: dialect)] {
            let plan = try planner.statement("EXPLAIN QUERY PLAN " + query.sql).bind(SQLiteExceptionQueries.values(query.parameters))
                .rows { $0.text(3) }
            XCTAssertEqual(plan.filter { $0.contains("SEARCH e USING COVERING INDEX time_entries_unbilled") }.count, 2, "\(plan)")
            XCTAssertFalse(plan.contains { $0.hasPrefix("SCAN e") }, "\(plan)")
        }
        XCTAssertEqual(try planner.scalar("PRAGMA \(SQLiteTimeEntryFile.schemaName).user_version"), Int64(SQLiteTimeEntryFile.migrations.count))
        try await assertUnbilledMatchesReference(timeLines("u", count: 30))
    }

    private func assertTheCompanionIsCurrentAndUnbilledMatchesTheReference() async throws {
        let upgraded = try SQLiteConnection(path: SQLiteTimeEntryFile.path(forStore: storePath), readOnly: true)
        XCTAssertEqual(try upgraded.statement("SELECT name, \"partial\" FROM pragma_index_list('time_entries') WHERE name = 'time_entries_reapproved'")
                        .rows { "\($0.text(0)) partial: \($0.int64(1))" }, ["time_entries_reapproved partial: 1"],
                       "it holds the entries approved more than once only")
        XCTAssertEqual(try upgraded.statement("SELECT name FROM pragma_index_info('time_entries_reapproved') ORDER BY seqno").rows { $0.text(0) },
                       ["billed_at", "approved_at", "approval_seqs"])
        XCTAssertEqual(try upgraded.scalar("PRAGMA user_version"), Int64(SQLiteTimeEntryFile.migrations.count))
        try await assertUnbilledMatchesReference(timeLines("p", count: 30))
    }

    func testALostCompanionIsRebuiltAndAReadOnlyOpenExplainsIt() async throws {
        let lines = timeLines("l", count: 50)
        do {
            let store = try SQLiteStore(path: storePath)
            _ = try await store.ingest(try batch(lines))
        }
        try removeCompanion()

        XCTAssertThrowsError(try SQLiteStore(path: storePath, readOnly: true)) { error in
            XCTAssertTrue("\(error)".contains("time-entry file"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: SQLiteTimeEntryFile.path(forStore: storePath)),
                       "a read-only open never creates it")
        _ = try SQLiteStore(path: storePath)
        try await assertUnbilledMatchesReference(lines)
    }

    func testACompanionOfAnotherStoreIsNotUsed() async throws {
        let mine = timeLines("x", count: 30), theirs = timeLines("y", count: 45)
        let otherPath = directory.file("other.sqlite")
        for (path, lines) in [(storePath, mine), (otherPath, theirs)] {
            let store = try SQLiteStore(path: path)
            _ = try await store.ingest(try batch(lines))
        }
        try removeCompanion()
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: SQLiteTimeEntryFile.path(forStore: otherPath) + suffix) {
            try FileManager.default.copyItem(atPath: SQLiteTimeEntryFile.path(forStore: otherPath) + suffix,
                                             toPath: SQLiteTimeEntryFile.path(forStore: storePath) + suffix)
        }

        XCTAssertThrowsError(try SQLiteStore(path: storePath, readOnly: true), "another store's time entries are refused")
        _ = try SQLiteStore(path: storePath)
        try await assertUnbilledMatchesReference(mine)
    }

    func testAnOpenCompanionTransactionDoesNotHoldBackCheckpointsOfTheLog() async throws {
        let store = try SQLiteStore(path: storePath)
        _ = try await store.ingest(try batch(timeLines("a", count: 5)))
        let logEnd = try SQLiteConnection(path: storePath, readOnly: true).scalar("SELECT max(seq) FROM events")
        let line = EventLines.timeApproved("late", entry: "L", hours: "1", amount: "100", at: "2026-10-03T09:00:00Z")
        guard case .timeApproved(let entry) = try CanonicalEvent(jsonLine: Array(line.utf8)).payload else { return XCTFail() }
        // The companion writer of a bulk ingest, in the middle of a transaction (it read the log to replay).
        let companion = try SQLiteBackgroundTimeEntryWriter(storePath: storePath)
        companion.send([TimeEntryOperation(sequence: logEnd + 1, change: .approve(entry, at: ts("2026-10-03T09:00:00Z")))])
        try await companion.drain()

        let log = try SQLiteConnection(path: storePath, readOnly: false)
        try log.appendToLogOnly(line)
        let checkpoint = try log.statement("PRAGMA wal_checkpoint(PASSIVE)").rows { [$0.int64(0), $0.int64(1), $0.int64(2)] }

        XCTAssertEqual(checkpoint.first?[0], 0, "not busy")
        XCTAssertEqual(checkpoint.first?[2], checkpoint.first?[1], "every frame of the log copied, the new commit's too")
        companion.rollback()
        try await companion.drain()
    }

    private func removeCompanion() throws {
        for suffix in ["", "-wal", "-shm"] {
            let file = SQLiteTimeEntryFile.path(forStore: storePath) + suffix
            if FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
        }
    }
}

/// Hands out the streamed ingest's batches; before each after the first, another handle ingests one of its own.
private actor InterleavedScript {
    var batches: [IngestBatch]
    var otherBatches: [IngestBatch]
    let otherStore: SQLiteStore
    private var calls = 0

    init(batches: [IngestBatch], otherBatches: [IngestBatch], otherStore: SQLiteStore) {
        self.batches = batches
        self.otherBatches = otherBatches
        self.otherStore = otherStore
    }

    func next() async throws -> IngestBatch? {
        calls += 1
        if calls > 1, !otherBatches.isEmpty { _ = try await otherStore.ingest(otherBatches.removeFirst()) }
        return batches.isEmpty ? nil : batches.removeFirst()
    }
}
