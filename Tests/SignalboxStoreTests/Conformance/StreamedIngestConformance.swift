import SignalboxCore
import SignalboxStore
import Synchronization
import XCTest

/// A streamed ingest keeps one transaction across batches, commits at the line count asked for, and the
/// store's other calls see committed transactions only.
extension StoreConformanceTests {
    func checkATransactionSpansBatchesAndOnlyCommittedOnesAreSeen() async throws {
        let store = try await makeStore()
        let script = try IngestScript(store: store, events: IngestScript.threeApprovals)
        let commits = CommitLog()

        let total = try await store.ingest(linesPerTransaction: 2, next: { try await script.next() },
                                           committed: { commits.record($0) })

        XCTAssertEqual(total.accepted, 3)
        XCTAssertEqual(commits.accepted, [2, 3], "one commit per two lines, and one for the rest")
        let visible = await script.visibleBeforeCall
        XCTAssertEqual(visible, [0, 0, 2, 2], "the first event is not seen until its transaction commits")
    }

    func checkAFailedInputRollsBackTheOpenTransactionOnly() async throws {
        let store = try await makeStore()
        let script = try IngestScript(store: store, events: IngestScript.threeApprovals, failingCall: 4)
        let commits = CommitLog()

        do {
            _ = try await store.ingest(linesPerTransaction: 2, next: { try await script.next() },
                                       committed: { commits.record($0) })
            XCTFail("expected the input's error")
        } catch let error as IngestInputError {
            XCTAssertEqual(error, .unreadable("input went away"), "the input's error reaches the caller as itself")
        }

        XCTAssertEqual(commits.accepted, [2])
        let stored = try await store.events(correlationID: "C-1").map(\.event.eventID)
        XCTAssertEqual(stored, ["e1", "e2"], "what was reported committed is kept; the open transaction is not half-written")
        let file = try directory.write("all.jsonl", IngestScript.threeApprovals.joined(separator: "\n") + "\n")
        let again = try await IngestPipeline().ingest(path: file, into: store)
        XCTAssertEqual(again.summary, IngestSummary(accepted: 1, duplicates: 2, rejected: 0), "running it again finishes the job")
    }
}

/// Hands out one-event batches and records, before each, how many events the store shows.
private actor IngestScript {
    static let threeApprovals = ["1", "2", "3"].map { EventLines.approved("e\($0)", at: "2026-11-0\($0)T09:00:00Z") }

    let store: any EventStore
    var batches: [IngestBatch]
    let failingCall: Int?
    private(set) var visibleBeforeCall: [Int] = []

    init(store: any EventStore, events: [String], failingCall: Int? = nil) throws {
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

/// The running totals a streamed ingest reported as committed.
private final class CommitLog: Sendable {
    private let totals = Mutex<[Int]>([])
    var accepted: [Int] { totals.withLock { $0 } }
    func record(_ summary: IngestSummary) { totals.withLock { $0.append(summary.accepted) } }
}
