import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// When the rules already say no, the console says so instead of asking y/N (the store still decides when writing).
final class RefusalBeforeConfirmTests: XCTestCase {
    func testAnExceptionClaimedBySomeoneElseIsRefusedBeforeTheQuestion() throws {
        var state = try QueueFixtures.detailState()   // X1 is claimed by alice; the console runs as ops
        for key in ["c", "d", "p", "1"] {
            state.feed([.character(Character(key))])
            XCTAssertNil(state.dialog, key)
            XCTAssertEqual(state.message?.hasPrefix("X1: claimed by alice"), true, "\(key): \(state.message ?? "-")")
        }
        state.feed([.character("n")])
        XCTAssertEqual(state.dialog, .prompt(.note([WriteTarget(exceptionID: "X1", seenVersion: try QueueFixtures.record.version)]), text: ""),
                       "notes are always allowed")
    }

    func testFromTheListTheRowsOwnerIsEnoughToRefuse() {
        var state = QueueFixtures.queueState()
        state.feed([.down, .character("c")])   // X2, claimed by alice
        XCTAssertNil(state.dialog)
        XCTAssertEqual(state.message, "X2: claimed by alice; alice must release it first")
        state.feed([.up, .character("c")])     // X1 is open: the question is asked
        XCTAssertNotNil(state.dialog)
    }

    func testFourEyesIsSaidBeforeTheRequesterIsAskedToApprove() throws {
        let lines = [
            #"{"event_id":"r","type":"exception.raised","occurred_at":"2026-10-29T00:00:00Z","source":"MIDDLEWARE","correlation_id":"C-9","data":{"exception_id":"X1","kind":"posting_failed","severity":"high","summary":"invoice rejected","failed_event_id":"evt-1","amount_at_risk":"2500.00","currency":"EUR"}}"#,
            #"{"event_id":"c","type":"exception.claimed","occurred_at":"2026-10-30T00:00:00Z","source":"CONSOLE","correlation_id":"C-9","data":{"exception_id":"X1","by":"ops"}}"#,
            #"{"event_id":"q","type":"reprocess.requested","occurred_at":"2026-10-30T00:01:00Z","source":"CONSOLE","correlation_id":"C-9","data":{"exception_id":"X1","request_id":"R-1","by":"ops","failed_event_id":"evt-1"}}"#,
        ]
        let events = try lines.enumerated().map { LoggedEvent(sequence: Int64($0.offset + 1), event: try QueueFixtures.event($0.element)) }
        let record = try XCTUnwrap(ExceptionRecord(events: events))
        var state = QueueFixtures.queueState()
        state.feed([.enter])
        state = ConsoleUpdate.update(state, .exceptionLoaded(id: "X1", record, suggestion: nil, policy: .strict)).0
        state.feed([.character("A")])
        XCTAssertNil(state.dialog)
        XCTAssertEqual(state.message, "X1: ops requested this; a different user must approve")
        // Under a policy that allows self-approval of small amounts the question is asked.
        state = ConsoleUpdate.update(state, .exceptionLoaded(id: "X1", record, suggestion: nil,
                                                              policy: ReprocessPolicy(selfApprovalBelow: ExactDecimal(5000), selfApprovalCurrency: "EUR"))).0
        state.feed([.character("A")])
        XCTAssertNotNil(state.dialog)
    }

    /// While the store is not answering (a failover: the primary gone, the standby not yet promoted) an action is
    /// refused at once, whether it starts then or was confirmed then; nothing is sent to the store.
    func testWhileTheStoreIsStaleNoActionIsSent() {
        var state = QueueFixtures.queueState()   // X1 open
        state.feed([.character("c")])
        XCTAssertNotNil(state.dialog, "asked while the store answers")
        state = ConsoleUpdate.update(state, .tokenFailed(.unavailable("terminating connection due to administrator command"),
                                                          at: state.now)).0
        XCTAssertTrue(state.isStale)
        let confirmed = state.feed([.character("y")])
        XCTAssertFalse(confirmed.contains { if case .write = $0 { true } else { false } }, "\(confirmed)")
        XCTAssertEqual(state.message, "not written: the store is not answering (STALE); retry when the banner is gone")
        state.message = nil
        XCTAssertEqual(state.feed([.character("c")]), [])
        XCTAssertNil(state.dialog, "not asked while stale")
        XCTAssertEqual(state.message, "not written: the store is not answering (STALE); retry when the banner is gone")
        // A write that was already on its way when the server went: the message says first that nothing was written.
        let lost = WriteOutcome(plan: .each(.claim, [WriteTarget(exceptionID: "X1", seenVersion: 5)]), written: [],
                                failures: [FailedAction(exceptionID: "X1", error: .store(.unavailable("no connection to db1")))])
        XCTAssertEqual(lost.message, "not written (the store did not answer; retry): store unavailable: no connection to db1")
    }
}
