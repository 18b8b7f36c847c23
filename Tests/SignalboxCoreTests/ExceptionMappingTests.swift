import SignalboxCore
import XCTest

final class ExceptionMappingTests: XCTestCase {
    private let subject = RecordKey(system: "CRM", key: "C-17")

    private func resolved(_ exceptionID: String, target: String, by: String) -> EventPayload {
        .exceptionResolved(ExceptionResolved(exceptionID: exceptionID, by: by, mapping: RecordMapping(
            sourceSystem: "CRM", sourceKey: "C-17", targetSystem: "ERP", targetKey: target)))
    }

    func testAResolvedMappingIsSuggestedForTheNextExceptionAboutTheSameSubject() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.resolve(.candidate(index: 1), note: nil), by: "alice", at: 60)
        log.append(ExceptionFixture.raised("EX-2"), at: 120, source: .middleware)
        log.append(ExceptionFixture.raised("EX-3", subject: SystemRecord(system: "CRM", key: "C-99", name: "Other")), at: 130,
                   source: .middleware)

        let memory = MappingMemory(events: log.events)
        let suggestion = try XCTUnwrap(memory.suggestion(for: log.record("EX-2")))
        XCTAssertEqual(suggestion.target, RecordKey(system: "ERP", key: "100777"))
        XCTAssertEqual(suggestion.resolved, ActorStamp(by: "alice", at: ExceptionFixture.at(60)))
        XCTAssertEqual(suggestion.exceptionID, "EX-1")
        XCTAssertEqual(suggestion.candidateIndex(in: log.record("EX-2")), 1)
        XCTAssertNil(memory.suggestion(for: log.record("EX-3")))

        try log.act(.resolve(suggestion.choice, note: nil), by: "bob", at: 200, on: "EX-2")
        XCTAssertEqual(log.record("EX-2").resolution?.mapping?.targetKey, "100777")
    }

    func testTheLatestOccurrenceWinsWhateverTheLogOrder() {
        var log = ExceptionTestLog()
        log.append(resolved("EX-1", target: "NEWER", by: "bob"), at: 500)
        log.append(resolved("EX-2", target: "OLDER", by: "alice"), at: 100)
        XCTAssertEqual(MappingMemory(events: log.events)[subject]?.target.key, "NEWER")
        XCTAssertEqual(MappingMemory(events: log.events.reversed())[subject]?.target.key, "NEWER")

        log.append(resolved("EX-3", target: "TIE-LATER-INGESTED", by: "carol"), at: 500)
        XCTAssertEqual(MappingMemory(events: log.events.reversed())[subject]?.target.key, "TIE-LATER-INGESTED")
    }

    func testResolutionsWithoutAMappingAreNotRemembered() {
        var log = ExceptionTestLog()
        log.append(.exceptionResolved(ExceptionResolved(exceptionID: "EX-1", by: "bob", note: "fixed upstream")), at: 10)
        XCTAssertTrue(MappingMemory(events: log.events).mappings.isEmpty)
    }

    func testApplyToAllResolvesEachOpenExceptionAndReportsTheOnesItCannot() throws {
        var log = ExceptionTestLog.raised()
        log.append(ExceptionFixture.raised("EX-2"), at: 1, source: .middleware)
        log.append(ExceptionFixture.raised("EX-3"), at: 2, source: .middleware)
        log.append(ExceptionFixture.raised("EX-4"), at: 3, source: .middleware)
        log.append(ExceptionFixture.raised("EX-5", subject: SystemRecord(system: "CRM", key: "C-99", name: "Other")), at: 4,
                   source: .middleware)
        log.append(.exceptionClaimed(ExceptionActor(exceptionID: "EX-2", by: "bob")), at: 10)
        try log.act(.claim, by: "alice", at: 11, on: "EX-3")
        let staleVersion = log.record("EX-4").version
        log.append(.exceptionNoted(ExceptionNoted(exceptionID: "EX-4", by: "carol", note: "on it")), at: 12)

        let seen = ["EX-1", "EX-2", "EX-3", "EX-4", "EX-5"].map { id in
            SeenException(record: log.record(id), seenVersion: id == "EX-4" ? staleVersion : log.record(id).version)
        }
        var ids = SequentialIdentifiers(prefix: "bulk-")
        let outcome = BulkResolution.resolveAll(seen, subject: subject, target: RecordKey(system: "ERP", key: "100234"),
                                                note: "same customer", by: "alice", policy: .strict,
                                                now: ExceptionFixture.at(20), ids: &ids)

        XCTAssertEqual(outcome.resolvedIDs, ["EX-1", "EX-3"])
        XCTAssertEqual(outcome.events.map(\.type), [.exceptionClaimed, .exceptionResolved, .exceptionResolved])
        XCTAssertEqual(outcome.failures.map(\.exceptionID), ["EX-2", "EX-4", "EX-5"])
        XCTAssertEqual(outcome.failures[0].error, .claimedBySomeoneElse(by: "bob", since: ExceptionFixture.at(10)))
        XCTAssertEqual(outcome.failures[1].error.description, "changed by carol 8s ago: noted: on it")
        XCTAssertEqual(outcome.failures[2].error, .subjectMismatch(exceptionID: "EX-5"))

        for event in outcome.events { log.append(event) }
        XCTAssertEqual(log.record("EX-1").resolution?.mapping?.targetKey, "100234")
        XCTAssertEqual(log.record("EX-3").state, .resolved(by: "alice", at: ExceptionFixture.at(20)))
        XCTAssertFalse(log.record("EX-2").isClosed)
    }
}
