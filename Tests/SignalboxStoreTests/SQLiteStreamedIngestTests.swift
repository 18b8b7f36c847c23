import Foundation
import SignalboxCore
import Synchronization
import XCTest
@testable import SignalboxStore

/// A streamed ingest keeps one transaction across batches, commits at the line count asked for, and the
/// store's other calls see committed transactions only.
final class SQLiteStreamedIngestTests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    /// Hands out one-event batches and records, before each, how many events the store shows.
    private actor Script {
        let store: SQLiteStore
        var batches: [IngestBatch]
        let failingCall: Int?
        private(set) var visibleBeforeCall: [Int] = []

        init(store: SQLiteStore, events: [String], failingCall: Int? = nil) throws {
            self.store = store
            batches = try events.map { line in
                IngestBatch(lines: [.event(try CanonicalEvent(jsonLine: Array(line.utf8)), json: line)])
            }
            self.failingCall = failingCall
        }

        func next() async throws -> IngestBatch? {
            visibleBeforeCall.append(try await store.events(correlationID: "C-1").count)
            if visibleBeforeCall.count == failingCall { throw IngestInputError.unreadable("input went away") }
            return batches.isEmpty ? nil : batches.removeFirst()
        }
    }

    private final class Commits: Sendable {
        let accepted = Mutex<[Int]>([])
    }

    private let events = ["1", "2", "3"].map { EventLines.approved("e\($0)", at: "2026-11-0\($0)T09:00:00Z") }

    func testATransactionSpansBatchesAndOnlyCommittedOnesAreSeen() async throws {
        let store = try SQLiteStore(path: directory.file("store.sqlite"))
        let script = try Script(store: store, events: events)
        let commits = Commits()

        let total = try await store.ingest(linesPerTransaction: 2, next: { try await script.next() },
                                           committed: { summary in commits.accepted.withLock { $0.append(summary.accepted) } })

        XCTAssertEqual(total.accepted, 3)
        XCTAssertEqual(commits.accepted.withLock { $0 }, [2, 3], "one commit per two lines, and one for the rest")
        let visible = await script.visibleBeforeCall
        XCTAssertEqual(visible, [0, 0, 2, 2], "the first event is not seen until its transaction commits")
    }

    func testAFailedInputRollsBackTheOpenTransactionOnly() async throws {
        let path = directory.file("store.sqlite")
        let store = try SQLiteStore(path: path)
        let script = try Script(store: store, events: events, failingCall: 4)
        let commits = Commits()

        do {
            _ = try await store.ingest(linesPerTransaction: 2, next: { try await script.next() },
                                       committed: { summary in commits.accepted.withLock { $0.append(summary.accepted) } })
            XCTFail("expected the input's error")
        } catch let error as IngestInputError {
            XCTAssertEqual(error, .unreadable("input went away"))
        }

        XCTAssertEqual(commits.accepted.withLock { $0 }, [2])
        let stored = try await store.events(correlationID: "C-1").map(\.event.eventID)
        XCTAssertEqual(stored, ["e1", "e2"], "what was reported committed is kept; the open transaction is not half-written")
        let again = try await IngestPipeline().ingest(path: try directory.write("all.jsonl", events.joined(separator: "\n") + "\n"), into: store)
        XCTAssertEqual(again.summary, IngestSummary(accepted: 1, duplicates: 2, rejected: 0), "running it again finishes the job")
    }

    func testAWriterKeptWaitingByAnIngestIsToldTheStoreIsBusy() throws {
        let connection = try SQLiteConnection(path: directory.file("store.sqlite"), readOnly: false)
        let sqliteBusy: Int32 = 5  // SQLITE_BUSY: the busy timeout ran out while another connection held the write lock
        let error = connection.error(code: sqliteBusy, message: "database is locked", sql: "BEGIN IMMEDIATE")
        XCTAssertEqual(error, .unavailable(directory.file("store.sqlite") + " is busy with another writer (such as an ingest); nothing was written, try again"))
    }
}
