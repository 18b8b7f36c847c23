import SignalboxCore
import SignalboxStore
import XCTest

/// Ingest behaviour every store shares.
extension StoreConformanceTests {
    func checkMixedFileStoresGoodLinesAndKeepsEachRejectedLineWithItsReason() async throws {
        let store = try await makeStore()
        let outcome = try await IngestPipeline().ingest(path: try directory.mixedFile(), into: store)

        XCTAssertEqual(outcome.summary, IngestSummary(accepted: 2, duplicates: 1, rejected: 3))
        let rejected = try await store.rejectedLines(limit: 10)
        XCTAssertEqual(rejected.map(\.lineNumber), [2, 3, 5])
        XCTAssertEqual(rejected[0].rawText, "{not json")
        XCTAssertTrue(rejected[0].reason.hasPrefix("invalid JSON at column"), rejected[0].reason)
        XCTAssertEqual(rejected[1].reason, "data.project_id: missing required field")
        XCTAssertTrue(rejected[2].reason.hasPrefix("type: \"contract.exploded\" is not one of"), rejected[2].reason)
        XCTAssertTrue(rejected.allSatisfy { $0.sourceName.hasSuffix("mixed.jsonl") })
    }

    func checkIngestingTheSameFileAgainChangesNothing() async throws {
        let store = try await makeStore()
        let file = try directory.mixedFile()
        _ = try await IngestPipeline().ingest(path: file, into: store)
        let before = try await store.signals(asOf: ts("2026-11-05T00:00:00Z"), window: .days(7))
        let tokenBefore = try await store.events(correlationID: "C-1")

        let again = try await IngestPipeline().ingest(path: file, into: store)

        XCTAssertEqual(again.summary, IngestSummary(accepted: 0, duplicates: 3, rejected: 3))
        let rejectedCount = try await store.rejectedLines(limit: 100).count
        XCTAssertEqual(rejectedCount, 3, "rejected lines are kept once")
        let after = try await store.signals(asOf: ts("2026-11-05T00:00:00Z"), window: .days(7))
        XCTAssertEqual(before, after)
        let eventsAfter = try await store.events(correlationID: "C-1")
        XCTAssertEqual(tokenBefore, eventsAfter)
    }
}

extension StoreConformanceTests {
    /// A middleware that delivers an exception's closing twice in one file sends the same event: the second copy is a
    /// duplicate on every store, never a refusal of an action on a closed exception; a refused one stays refused.
    func checkASecondDeliveryOfAClosingInTheSameFileIsADuplicate() async throws {
        let store = try await makeStore()
        let file = try directory.write("redelivered.jsonl", [
            EventLines.raised("x1", exception: "EX-1", at: "2026-11-01T09:00:00Z"),
            EventLines.resolved("x2", exception: "EX-1", at: "2026-11-01T10:00:00Z"),
            EventLines.resolved("x2", exception: "EX-1", at: "2026-11-01T10:00:00Z"),
            // A refused closing sent twice is refused twice: the first refusal must not let its copy through.
            EventLines.resolved("x3", exception: "EX-1", at: "2026-11-01T11:00:00Z"),
            EventLines.resolved("x3", exception: "EX-1", at: "2026-11-01T11:00:00Z"),
        ].joined(separator: "\n") + "\n")

        let outcome = try await IngestPipeline().ingest(path: file, into: store)

        XCTAssertEqual(outcome.summary.accepted, 2)
        XCTAssertEqual(outcome.summary.duplicates, 1)
        let rejected = try await store.rejectedLines(limit: 10)
        XCTAssertEqual(rejected.map(\.lineNumber), [4, 5])
        XCTAssertTrue(rejected.allSatisfy { $0.reason.hasPrefix("already closed") }, "\(rejected.map(\.reason))")
        let trail = try await store.events(correlationID: "C-1")
        XCTAssertEqual(trail.map(\.event.eventID), ["x1", "x2"])
    }
}
