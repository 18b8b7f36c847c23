import SignalboxCore
import XCTest

final class ExceptionRulesTests: XCTestCase {
    private let claimedByBob = ExceptionActor(exceptionID: "EX-1", by: "bob")

    // MARK: claim and release

    func testClaimWritesOneConsoleEventOnTheExceptionsThread() throws {
        var log = ExceptionTestLog.raised()
        let events = try log.act(.claim, by: "alice", at: 60)
        XCTAssertEqual(events, [CanonicalEvent(
            eventID: "id-1", occurredAt: ExceptionFixture.at(60), source: .console, correlationID: "CT-1",
            payload: .exceptionClaimed(ExceptionActor(exceptionID: "EX-1", by: "alice"))
        )])
        XCTAssertEqual(log.record().state, .claimed(by: "alice", since: ExceptionFixture.at(60)))
    }

    func testClaimingAnExceptionSomeoneElseHoldsIsRefused() {
        var log = ExceptionTestLog.raised()
        log.append(.exceptionClaimed(claimedByBob), at: 30)
        let error = log.refusal(.claim, by: "alice", at: 60)
        XCTAssertEqual(error, .claimedBySomeoneElse(by: "bob", since: ExceptionFixture.at(30)))
        XCTAssertEqual(error?.description, "claimed by bob since 2026-10-01T09:00:30Z; bob must release it first")
        XCTAssertEqual(log.refusal(.claim, by: "bob", at: 60), .alreadyClaimedByYou)
    }

    func testOnlyTheClaimerMayRelease() throws {
        var log = ExceptionTestLog.raised()
        XCTAssertEqual(log.refusal(.release, by: "bob", at: 10), .notClaimed)
        log.append(.exceptionClaimed(claimedByBob), at: 30)
        XCTAssertEqual(log.refusal(.release, by: "alice", at: 40), .claimedBySomeoneElse(by: "bob", since: ExceptionFixture.at(30)))
        try log.act(.release, by: "bob", at: 50)
        XCTAssertEqual(log.record().state, .open)
        try log.act(.claim, by: "alice", at: 60)
        XCTAssertEqual(log.record().assignee, "alice")
    }

    // MARK: concurrency

    func testAnActionOnAStaleVersionSaysWhoChangedItWhatAndWhen() throws {
        var log = ExceptionTestLog.raised()
        let seenByAlice = log.record().version
        try log.act(.claim, by: "bob", at: 100)
        let error = log.refusal(.claim, by: "alice", at: 120, seenVersion: seenByAlice)
        XCTAssertEqual(error?.description, "changed by bob 20s ago: claimed it")
        XCTAssertEqual(error, .changedSinceSeen(seenVersion: 1, currentVersion: 2, by: "bob", ago: .seconds(20), what: "claimed it"))
    }

    func testStaleVersionMessageDescribesTheChange() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.claim, by: "bob", at: 0)
        let seen = log.record().version
        try log.act(.dismiss(reason: "test data"), by: "bob", at: 300)
        XCTAssertEqual(log.refusal(.note("looking"), by: "alice", at: 600, seenVersion: seen)?.description,
                       "changed by bob 5m ago: dismissed it: test data")
    }

    // MARK: resolve

    func testResolvingAnUnclaimedExceptionClaimsItFirstAndMapsTheChosenCandidate() throws {
        var log = ExceptionTestLog.raised()
        let events = try log.act(.resolve(.candidate(index: 1), note: nil), by: "alice", at: 60)
        XCTAssertEqual(events.map(\.type), [.exceptionClaimed, .exceptionResolved])
        XCTAssertEqual(events.map(\.eventID), ["id-1", "id-2"])
        let expected = RecordMapping(sourceSystem: "CRM", sourceKey: "C-17", targetSystem: "ERP", targetKey: "100777")
        XCTAssertEqual(events.last?.payload, .exceptionResolved(ExceptionResolved(exceptionID: "EX-1", by: "alice", mapping: expected)))
        XCTAssertEqual(log.record().state, .resolved(by: "alice", at: ExceptionFixture.at(60)))
    }

    func testTheClaimerResolvesWithoutAnotherClaim() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.claim, by: "alice", at: 10)
        let events = try log.act(.resolve(.candidate(index: 0), note: "  confirmed by phone "), by: "alice", at: 20)
        XCTAssertEqual(events.map(\.type), [.exceptionResolved])
        XCTAssertEqual(log.record().resolution?.note, "confirmed by phone")
        XCTAssertEqual(log.record().resolution?.mapping?.targetKey, "100234")
    }

    func testNobodyResolvesAnExceptionSomeoneElseHolds() {
        var log = ExceptionTestLog.raised()
        log.append(.exceptionClaimed(claimedByBob), at: 30)
        XCTAssertEqual(log.refusal(.resolve(.candidate(index: 0), note: nil), by: "alice", at: 40),
                       .claimedBySomeoneElse(by: "bob", since: ExceptionFixture.at(30)))
        XCTAssertEqual(log.refusal(.dismiss(reason: "dup"), by: "alice", at: 40),
                       .claimedBySomeoneElse(by: "bob", since: ExceptionFixture.at(30)))
        XCTAssertEqual(log.refusal(.requestReprocess, by: "alice", at: 40),
                       .claimedBySomeoneElse(by: "bob", since: ExceptionFixture.at(30)))
    }

    func testResolveWithATypedTargetKeyTakesTheCandidatesSystem() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.resolve(.target(key: " 100999 ", system: nil), note: nil), by: "alice", at: 10)
        XCTAssertEqual(log.record().resolution?.mapping,
                       RecordMapping(sourceSystem: "CRM", sourceKey: "C-17", targetSystem: "ERP", targetKey: "100999"))
    }

    func testATypedTargetNeedsASystemWhenCandidatesDisagree() throws {
        let mixed = ExceptionFixture.candidates + [
            MappingCandidate(record: SystemRecord(system: "PSA", key: "P-1", name: "Acme"), score: ExceptionFixture.decimal("0.5")),
        ]
        var log = ExceptionTestLog.raised(ExceptionFixture.raised(candidates: mixed))
        let error = log.refusal(.resolve(.target(key: "100999", system: nil), note: nil), by: "alice", at: 10)
        XCTAssertEqual(error, .targetSystemUnknown(candidateSystems: ["ERP", "PSA"]))
        XCTAssertEqual(error?.description, "name the target system: the candidates are in ERP, PSA")
        XCTAssertEqual(log.refusal(.resolve(.target(key: "  ", system: "ERP"), note: nil), by: "alice", at: 10), .emptyTargetKey)
        try log.act(.resolve(.target(key: "P-2", system: "PSA"), note: nil), by: "alice", at: 20)
        XCTAssertEqual(log.record().resolution?.mapping?.targetSystem, "PSA")
    }

    func testAnUnknownCandidateIsRefused() {
        var log = ExceptionTestLog.raised()
        let error = log.refusal(.resolve(.candidate(index: 2), note: nil), by: "alice", at: 10)
        XCTAssertEqual(error, .unknownCandidate(index: 2, count: 2))
        XCTAssertEqual(error?.description, "there is no candidate 3; this exception lists 2 (1–2)")
        XCTAssertEqual(log.refusal(.resolve(.candidate(index: -1), note: nil), by: "alice", at: 10),
                       .unknownCandidate(index: -1, count: 2))
        XCTAssertEqual(log.events.count, 1, "nothing was appended")
    }

    func testAMappingNeedsASubject() {
        var log = ExceptionTestLog.raised(ExceptionFixture.raised(subject: nil))
        XCTAssertEqual(log.refusal(.resolve(.candidate(index: 0), note: nil), by: "alice", at: 10), .noSubjectToMap)
    }

    func testResolvingWithoutAMappingNeedsANote() throws {
        var log = ExceptionTestLog.raised()
        XCTAssertEqual(log.refusal(.resolve(.noMapping, note: " "), by: "alice", at: 10), .noteRequired)
        try log.act(.resolve(.noMapping, note: "fixed the rate card in PSA"), by: "alice", at: 20)
        XCTAssertEqual(log.record().resolution, ExceptionResolution(note: "fixed the rate card in PSA"))
    }

    // MARK: dismiss and note

    func testDismissRequiresAReason() throws {
        var log = ExceptionTestLog.raised()
        XCTAssertEqual(log.refusal(.dismiss(reason: ""), by: "alice", at: 10), .reasonRequired)
        XCTAssertEqual(log.refusal(.dismiss(reason: " \t\n"), by: "alice", at: 10), .reasonRequired)
        XCTAssertEqual(ExceptionActionError.reasonRequired.description, "a reason is required to dismiss")
        try log.act(.dismiss(reason: "test customer"), by: "alice", at: 20)
        XCTAssertEqual(log.record().state, .dismissed(by: "alice", reason: "test customer", at: ExceptionFixture.at(20)))
    }

    func testAClosedExceptionTakesNotesButNoOtherAction() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.dismiss(reason: "test customer"), by: "alice", at: 20)
        let closed = ExceptionActionError.alreadyClosed(log.record().state)
        XCTAssertEqual(log.refusal(.claim, by: "bob", at: 30), closed)
        XCTAssertEqual(log.refusal(.resolve(.candidate(index: 0), note: nil), by: "alice", at: 30), closed)
        XCTAssertEqual(log.refusal(.requestReprocess, by: "alice", at: 30), closed)
        XCTAssertEqual(closed.description, "already closed: dismissed by alice")
        try log.act(.note("customer confirmed it was a test"), by: "bob", at: 40)
        XCTAssertEqual(log.record().notes.map(\.text), ["customer confirmed it was a test"])
    }

    func testNotesNeedTextWithinTheLimit() throws {
        var log = ExceptionTestLog.raised()
        XCTAssertEqual(log.refusal(.note("   "), by: "alice", at: 10), .noteRequired)
        let long = String(repeating: "x", count: ExceptionRules.maximumTextLength + 1)
        XCTAssertEqual(log.refusal(.note(long), by: "alice", at: 10), .textTooLong(field: "note", limit: 4096))
        let events = try log.act(.note("calling the customer"), by: "alice", at: 20)
        XCTAssertEqual(events.first?.payload, .exceptionNoted(ExceptionNoted(exceptionID: "EX-1", by: "alice", note: "calling the customer")))
        XCTAssertNil(log.record().assignee, "a note does not claim")
    }

    func testUnusableUserNamesAreRefused() {
        var log = ExceptionTestLog.raised()
        for actor in ["", " alice", "ali\u{1B}[2Jce", String(repeating: "a", count: 129)] {
            XCTAssertEqual(log.refusal(.claim, by: actor, at: 10), .invalidActor(actor))
        }
    }

    // MARK: reprocess

    func testRequestReprocessNamesTheFailedEventAndANewRequestID() throws {
        var log = ExceptionTestLog.raised()
        let events = try log.act(.requestReprocess, by: "alice", at: 10)
        XCTAssertEqual(events.map(\.type), [.exceptionClaimed, .reprocessRequested])
        XCTAssertEqual(events.last?.payload, .reprocessRequested(ReprocessRequested(
            exceptionID: "EX-1", requestID: "id-2", by: "alice", failedEventID: "evt-failed-1")))
        XCTAssertEqual(log.refusal(.requestReprocess, by: "alice", at: 20), .reprocessAlreadyRequested(requestID: "id-2"))
    }

    func testNoFailedEventMeansNothingToReprocess() {
        var log = ExceptionTestLog.raised(ExceptionFixture.raised(failedEventID: nil))
        let error = log.refusal(.requestReprocess, by: "alice", at: 10)
        XCTAssertEqual(error, .nothingToReprocess)
        XCTAssertEqual(error?.description, "this exception names no failed event to reprocess")
    }

    func testFourEyesRefusesTheRequesterAndAcceptsSomeoneElse() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.requestReprocess, by: "alice", at: 10)
        let error = log.refusal(.approveReprocess(requestID: "id-2"), by: "alice", at: 20)
        XCTAssertEqual(error, .fourEyes(requestedBy: "alice"))
        XCTAssertEqual(error?.description, "alice requested this; a different user must approve")

        let events = try log.act(.approveReprocess(requestID: "id-2"), by: "bob", at: 30)
        XCTAssertEqual(events.map(\.payload), [.reprocessApproved(ReprocessApproved(requestID: "id-2", by: "bob"))])
        XCTAssertEqual(log.record().state, .reprocessing(requestID: "id-2", approvedBy: "bob", since: ExceptionFixture.at(30)))
    }

    func testSelfApprovalIsAllowedOnlyBelowTheConfiguredThreshold() throws {
        let policy = ReprocessPolicy(selfApprovalBelow: ExceptionFixture.decimal("500.00"), selfApprovalCurrency: "EUR")
        var small = ExceptionTestLog.raised(ExceptionFixture.raised(amount: "499.99"))
        try small.act(.requestReprocess, by: "alice", at: 10)
        try small.act(.approveReprocess(requestID: "id-2"), by: "alice", at: 20, policy: policy)
        XCTAssertEqual(small.record().reprocessRequests.first?.approval?.by, "alice")

        for (amount, currency) in [("500.00", "EUR"), ("2000.00", "EUR"), ("10.00", "JPY")] {
            var log = ExceptionTestLog.raised(ExceptionFixture.raised(amount: amount, currency: currency))
            try log.act(.requestReprocess, by: "alice", at: 10)
            XCTAssertEqual(log.refusal(.approveReprocess(requestID: "id-2"), by: "alice", at: 20, policy: policy),
                           .fourEyes(requestedBy: "alice"), "\(amount) \(currency)")
        }

        var unknownAmount = ExceptionTestLog.raised(ExceptionFixture.raised(amount: nil))
        try unknownAmount.act(.requestReprocess, by: "alice", at: 10)
        XCTAssertEqual(unknownAmount.refusal(.approveReprocess(requestID: "id-2"), by: "alice", at: 20, policy: policy),
                       .fourEyes(requestedBy: "alice"))
        XCTAssertEqual(small.refusal(.requestReprocess, by: "alice", at: 30), .reprocessAlreadyRequested(requestID: "id-2"))
    }

    func testWithoutFourEyesTheRequesterMayApprove() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.requestReprocess, by: "alice", at: 10)
        try log.act(.approveReprocess(requestID: "id-2"), by: "alice", at: 20, policy: ReprocessPolicy(fourEyes: false))
        XCTAssertEqual(log.record().reprocessRequests.first?.status(exceptionClosed: false), .approved)
    }

    func testASecondApprovalIsRefused() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.requestReprocess, by: "alice", at: 10)
        let seenByCarol = log.record().version
        try log.act(.approveReprocess(requestID: "id-2"), by: "bob", at: 20)

        let fresh = log.refusal(.approveReprocess(requestID: "id-2"), by: "carol", at: 25)
        XCTAssertEqual(fresh, .reprocessAlreadyApproved(requestID: "id-2", by: "bob", at: ExceptionFixture.at(20)))
        XCTAssertEqual(fresh?.description, "reprocess id-2 was already approved by bob at 2026-10-01T09:00:20Z; it runs once")
        let concurrent = log.refusal(.approveReprocess(requestID: "id-2"), by: "carol", at: 25, seenVersion: seenByCarol)
        XCTAssertEqual(concurrent?.description, "changed by bob 5s ago: approved reprocessing id-2")
        XCTAssertEqual(log.record().reprocessRequests.count, 1)
        XCTAssertEqual(log.events.filter { $0.event.type == .reprocessApproved }.count, 1)
    }

    func testApprovingUnknownOrFinishedRequestsIsRefused() throws {
        var log = ExceptionTestLog.raised()
        XCTAssertEqual(log.refusal(.approveReprocess(requestID: "R-404"), by: "bob", at: 5), .unknownReprocessRequest(requestID: "R-404"))
        log.append(.reprocessRequested(ReprocessRequested(exceptionID: "EX-1", requestID: "R-1", by: "alice")), at: 10)
        log.append(.reprocessCompleted(ReprocessCompleted(requestID: "R-1", outcome: .failed)), at: 20, source: .middleware)
        XCTAssertEqual(log.refusal(.approveReprocess(requestID: "R-1"), by: "bob", at: 30),
                       .reprocessAlreadyCompleted(requestID: "R-1", outcome: .failed))
    }

    func testARunningReprocessBlocksResolveAndDismiss() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.requestReprocess, by: "alice", at: 10)
        try log.act(.approveReprocess(requestID: "id-2"), by: "bob", at: 20)
        XCTAssertEqual(log.refusal(.dismiss(reason: "never mind"), by: "alice", at: 30), .reprocessInFlight(requestID: "id-2"))
        XCTAssertEqual(log.refusal(.resolve(.candidate(index: 0), note: nil), by: "alice", at: 30),
                       .reprocessInFlight(requestID: "id-2"))
    }

    func testApprovalOfAClosedExceptionIsRefused() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.requestReprocess, by: "alice", at: 10)
        try log.act(.resolve(.candidate(index: 0), note: nil), by: "alice", at: 15)
        XCTAssertEqual(log.refusal(.approveReprocess(requestID: "id-2"), by: "bob", at: 20),
                       .alreadyClosed(.resolved(by: "alice", at: ExceptionFixture.at(15))))
    }

    // MARK: the events written

    func testRandomIdentifiersAreDistinctPrefixedHex() {
        var ids = RandomIdentifiers(prefix: "con-")
        let first = ids.next(), second = ids.next()
        XCTAssertNotEqual(first, second)
        XCTAssertTrue(first.hasPrefix("con-"))
        XCTAssertEqual(first.dropFirst(4).count, 32)
        XCTAssertTrue(first.dropFirst(4).allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    func testEveryWrittenEventSurvivesTheCanonicalReader() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.note("checking \"quotes\" and ünïcode"), by: "alice", at: 5)
        try log.act(.requestReprocess, by: "alice", at: 10)
        try log.act(.approveReprocess(requestID: "id-3"), by: "bob", at: 20)
        log.append(.reprocessCompleted(ReprocessCompleted(requestID: "id-3", outcome: .failed)), at: 25, source: .middleware)
        try log.act(.release, by: "alice", at: 30)
        try log.act(.resolve(.target(key: "100234", system: "ERP"), note: "per finance"), by: "bob", at: 40)
        for logged in log.events where logged.event.source == .console {
            XCTAssertEqual(try CanonicalEvent(jsonLine: Array(logged.event.jsonLine.utf8)), logged.event)
        }
    }
}
