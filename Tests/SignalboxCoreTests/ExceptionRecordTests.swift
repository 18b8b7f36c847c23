import SignalboxCore
import XCTest

final class ExceptionRecordTests: XCTestCase {
    func testRaisedExceptionIsOpenAndCarriesItsHeader() {
        let record = ExceptionTestLog.raised().record()
        XCTAssertEqual(record.id, "EX-1")
        XCTAssertEqual(record.kind, .ambiguousCustomerMapping)
        XCTAssertEqual(record.severity, .high)
        XCTAssertEqual(record.subject, ExceptionFixture.subject)
        XCTAssertEqual(record.candidates.count, 2)
        XCTAssertEqual(record.amountAtRisk, ExceptionFixture.decimal("1200"))
        XCTAssertEqual(record.currency, "EUR")
        XCTAssertEqual(record.failedEventID, "evt-failed-1")
        XCTAssertEqual(record.correlationID, "CT-1")
        XCTAssertEqual(record.raisedAt, ExceptionFixture.at(0))
        XCTAssertEqual(record.state, .open)
        XCTAssertNil(record.assignee)
        XCTAssertFalse(record.isClosed)
        XCTAssertEqual(record.version, 1)
        XCTAssertEqual(record.lastChange?.actor, "MIDDLEWARE")
        XCTAssertEqual(record.lastChange?.description, "raised it")
    }

    func testClaimAndReleaseFoldIntoStateAssigneeAndVersion() {
        var log = ExceptionTestLog.raised()
        log.append(.exceptionClaimed(ExceptionActor(exceptionID: "EX-1", by: "bob")), at: 60)
        var record = log.record()
        XCTAssertEqual(record.state, .claimed(by: "bob", since: ExceptionFixture.at(60)))
        XCTAssertEqual(record.assignee, "bob")
        XCTAssertEqual(record.version, 2)

        log.append(.exceptionReleased(ExceptionActor(exceptionID: "EX-1", by: "bob")), at: 90)
        record = log.record()
        XCTAssertEqual(record.state, .open)
        XCTAssertNil(record.assignee)
        XCTAssertEqual(record.version, 3)
        XCTAssertEqual(record.history.map(\.description), ["raised it", "claimed it", "released it"])
    }

    func testLogOrderDecidesStateEvenWhenTimestampsRunBackwards() {
        var log = ExceptionTestLog.raised()
        log.append(.exceptionClaimed(ExceptionActor(exceptionID: "EX-1", by: "bob")), at: 300)
        // Logged after the claim but stamped earlier (a skewed clock): it still applies last.
        log.append(.exceptionReleased(ExceptionActor(exceptionID: "EX-1", by: "bob")), at: 100)
        log.append(.exceptionClaimed(ExceptionActor(exceptionID: "EX-1", by: "carol")), at: 200)
        let record = log.record()
        XCTAssertEqual(record.state, .claimed(by: "carol", since: ExceptionFixture.at(200)))
        XCTAssertEqual(record.history.map(\.sequence), [1, 2, 3, 4])
        XCTAssertEqual(record.version, 4)
    }

    func testEventsLoggedBeforeTheRaiseApplyInTheirPlace() {
        var log = ExceptionTestLog()
        log.append(.exceptionClaimed(ExceptionActor(exceptionID: "EX-1", by: "bob")), at: 10)
        log.append(ExceptionFixture.raised(), at: 0, source: .middleware)
        let fromLedger = log.record()
        XCTAssertEqual(fromLedger.state, .claimed(by: "bob", since: ExceptionFixture.at(10)))
        XCTAssertEqual(fromLedger.history.map(\.description), ["claimed it", "raised it"])
        XCTAssertEqual(fromLedger.version, 2)
        XCTAssertEqual(ExceptionRecord(events: log.events), fromLedger)
    }

    func testARecordNeedsARaise() {
        var log = ExceptionTestLog()
        log.append(.exceptionClaimed(ExceptionActor(exceptionID: "EX-1", by: "bob")), at: 10)
        XCTAssertNil(ExceptionRecord(events: log.events))
        XCTAssertTrue(ExceptionLedger(events: log.events).records.isEmpty)
    }

    func testReprocessMovesThroughPendingApprovalAndReprocessingBackToTheClaim() {
        var log = ExceptionTestLog.raised()
        log.append(.exceptionClaimed(ExceptionActor(exceptionID: "EX-1", by: "alice")), at: 10)
        log.append(.reprocessRequested(ReprocessRequested(exceptionID: "EX-1", requestID: "R-1", by: "alice",
                                                          failedEventID: "evt-failed-1")), at: 20)
        XCTAssertEqual(log.record().state,
                       .reprocessPendingApproval(requestID: "R-1", requestedBy: "alice", since: ExceptionFixture.at(20)))
        XCTAssertEqual(log.record().assignee, "alice")

        log.append(.reprocessApproved(ReprocessApproved(requestID: "R-1", by: "bob")), at: 30)
        XCTAssertEqual(log.record().state, .reprocessing(requestID: "R-1", approvedBy: "bob", since: ExceptionFixture.at(30)))

        log.append(.reprocessCompleted(ReprocessCompleted(requestID: "R-1", outcome: .succeeded)), at: 40, source: .middleware)
        let record = log.record()
        XCTAssertEqual(record.state, .claimed(by: "alice", since: ExceptionFixture.at(10)),
                       "a successful replay leaves closing to exception.resolved, as the backlog signal counts it")
        XCTAssertFalse(record.isClosed)
        XCTAssertEqual(record.reprocessRequests.map { $0.status(exceptionClosed: record.isClosed) }, [.succeeded])
        XCTAssertEqual(record.lastChange?.description, "reprocessing R-1 succeeded")
    }

    func testFailedReprocessReturnsToTheClaim() {
        var log = ExceptionTestLog.raised()
        log.append(.exceptionClaimed(ExceptionActor(exceptionID: "EX-1", by: "alice")), at: 10)
        log.append(.reprocessRequested(ReprocessRequested(exceptionID: "EX-1", requestID: "R-1", by: "alice")), at: 20)
        log.append(.reprocessApproved(ReprocessApproved(requestID: "R-1", by: "bob")), at: 30)
        log.append(.reprocessCompleted(ReprocessCompleted(requestID: "R-1", outcome: .failed, message: "ERP timeout")),
                   at: 40, source: .middleware)
        let record = log.record()
        XCTAssertEqual(record.state, .claimed(by: "alice", since: ExceptionFixture.at(10)))
        XCTAssertNil(record.outstandingReprocess)
        XCTAssertEqual(record.reprocessRequests.first?.status(exceptionClosed: false), .failed)
        XCTAssertEqual(record.reprocessRequests.first?.failedEventID, "evt-failed-1", "taken from the raise when the request names none")
        XCTAssertEqual(record.lastChange?.description, "reprocessing R-1 failed: ERP timeout")
    }

    func testASecondApprovalInTheLogIsRecordedButIgnored() {
        var log = ExceptionTestLog.raised()
        log.append(.reprocessRequested(ReprocessRequested(exceptionID: "EX-1", requestID: "R-1", by: "alice")), at: 20)
        log.append(.reprocessApproved(ReprocessApproved(requestID: "R-1", by: "bob")), at: 30)
        log.append(.reprocessApproved(ReprocessApproved(requestID: "R-1", by: "carol")), at: 31)
        let record = log.record()
        XCTAssertEqual(record.reprocessRequests.first?.approval, ActorStamp(by: "bob", at: ExceptionFixture.at(30)))
        XCTAssertEqual(record.lastChange?.description, "approved reprocessing R-1 again (ignored: already approved by bob)")
        XCTAssertEqual(record.version, 4)
    }

    func testEventsAfterClosureDoNotReopen() {
        var log = ExceptionTestLog.raised()
        log.append(.exceptionDismissed(ExceptionDismissed(exceptionID: "EX-1", by: "bob", reason: "duplicate of EX-0")), at: 10)
        log.append(.exceptionClaimed(ExceptionActor(exceptionID: "EX-1", by: "carol")), at: 20)
        log.append(.exceptionResolved(ExceptionResolved(exceptionID: "EX-1", by: "MIDDLEWARE", note: "auto")), at: 30,
                   source: .middleware)
        let record = log.record()
        XCTAssertEqual(record.state, .dismissed(by: "bob", reason: "duplicate of EX-0", at: ExceptionFixture.at(10)))
        XCTAssertNil(record.assignee)
        XCTAssertEqual(record.history.map(\.description), [
            "raised it", "dismissed it: duplicate of EX-0", "claimed it (ignored: already closed)",
            "resolved it: auto (ignored: already closed)",
        ])
    }

    func testResolutionWithMappingAndNotesAreKept() {
        var log = ExceptionTestLog.raised()
        log.append(.exceptionNoted(ExceptionNoted(exceptionID: "EX-1", by: "alice", note: "asked finance")), at: 5)
        let mapping = RecordMapping(sourceSystem: "CRM", sourceKey: "C-17", targetSystem: "ERP", targetKey: "100234")
        log.append(.exceptionResolved(ExceptionResolved(exceptionID: "EX-1", by: "alice", mapping: mapping, note: "per finance")),
                   at: 9)
        let record = log.record()
        XCTAssertEqual(record.notes, [ExceptionNote(by: "alice", at: ExceptionFixture.at(5), text: "asked finance")])
        XCTAssertEqual(record.resolution, ExceptionResolution(mapping: mapping, note: "per finance"))
        XCTAssertEqual(record.lastChange?.description, "resolved it: mapped CRM/C-17 → ERP/100234 (per finance)")
        XCTAssertTrue(record.state.isClosed)
    }

    func testLedgerSeparatesExceptionsAndRoutesReprocessEventsByRequest() {
        var log = ExceptionTestLog.raised()
        log.append(ExceptionFixture.raised("EX-2"), at: 1, source: .middleware)
        log.append(.reprocessRequested(ReprocessRequested(exceptionID: "EX-2", requestID: "R-9", by: "alice")), at: 2)
        log.append(.reprocessApproved(ReprocessApproved(requestID: "R-9", by: "bob")), at: 3)
        log.append(.reprocessApproved(ReprocessApproved(requestID: "R-unknown", by: "bob")), at: 4)
        let ledger = ExceptionLedger(events: log.events)
        XCTAssertEqual(ledger.records.map(\.id), ["EX-1", "EX-2"])
        XCTAssertEqual(ledger["EX-1"]?.version, 1)
        XCTAssertEqual(ledger["EX-2"]?.state, .reprocessing(requestID: "R-9", approvedBy: "bob", since: ExceptionFixture.at(3)))
        XCTAssertEqual(ledger["EX-2"]?.version, 4)
    }

    func testALaterRaiseUpdatesTheHeaderButKeepsTheFirstRaiseTime() {
        var log = ExceptionTestLog.raised()
        log.append(ExceptionFixture.raised(amount: "5000.00"), at: 50, source: .middleware)
        let record = log.record()
        XCTAssertEqual(record.amountAtRisk, ExceptionFixture.decimal("5000"))
        XCTAssertEqual(record.raisedAt, ExceptionFixture.at(0))
        XCTAssertEqual(record.lastChange?.description, "raised it again")
    }
}
