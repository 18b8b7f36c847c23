import SignalboxCore
import XCTest

/// Signal 5 of the reference calculator (named apart from the Exception*Tests of the exception lifecycle).
final class BacklogReferenceTests: XCTestCase {
    func testExceptionIsOpenUntilResolvedOrDismissed() {
        var log = EventLog()
        log.add(.raise("X1", .postingFailed), at: "2026-10-25T00:00:00Z")
        log.add(.raise("X2", .postingFailed), at: "2026-10-25T00:00:00Z")
        log.add(.resolution("X2"), at: "2026-10-26T00:00:00Z")
        log.add(.raise("X3", .rateMismatch), at: "2026-10-25T00:00:00Z")
        log.add(.dismissal("X3"), at: "2026-10-26T00:00:00Z")
        log.add(.raise("X4", .ambiguousCustomerMapping), at: "2026-10-25T00:00:00Z")
        log.add(.exceptionClaimed(ExceptionActor(exceptionID: "X4", by: "ops")), at: "2026-10-26T00:00:00Z")

        let backlog = log.signals().exceptions
        XCTAssertEqual(backlog.open, 2)
        XCTAssertEqual(backlog.openByKind, ["posting_failed": 1, "ambiguous_customer_mapping": 1])
    }

    func testKindIsThatOfTheLatestRaise() {
        var log = EventLog()
        log.add(.raise("X1", .rateMismatch), at: "2026-10-26T00:00:00Z")
        log.add(.raise("X1", .postingFailed), at: "2026-10-25T00:00:00Z")
        log.add(.raise("X2", .postingFailed), at: "2026-10-25T00:00:00Z")
        log.add(.raise("X2", .missingMasterData), at: "2026-10-25T00:00:00Z")
        log.add(.raise("X3", .postingFailed), at: "2026-10-25T00:00:00Z")
        log.add(.raise("X3", .schemaViolation), at: "2026-11-01T00:00:00Z")

        XCTAssertEqual(log.signals().exceptions.openByKind, ["rate_mismatch": 1, "missing_master_data": 1, "posting_failed": 1])
    }

    func testOldestOpenIsFromTheEarliestRaiseOfTheOpenExceptions() {
        var log = EventLog()
        log.add(.raise("X1"), at: "2026-10-28T00:00:00Z")
        log.add(.raise("X1"), at: "2026-10-20T00:00:00Z")
        log.add(.raise("X2"), at: "2026-10-10T00:00:00Z")
        log.add(.resolution("X2"), at: "2026-10-11T00:00:00Z")
        XCTAssertEqual(log.signals().exceptions.oldestOpen, .days(11))
    }

    func testClosingAfterAsOfLeavesTheExceptionOpen() {
        var log = EventLog()
        log.add(.raise("X1"), at: "2026-10-25T00:00:00Z")
        log.add(.resolution("X1"), at: "2026-11-01T00:00:00Z")
        XCTAssertEqual(log.signals().exceptions.open, 1)
        XCTAssertEqual(log.signals().exceptions.closedInWindow, 0)
    }

    func testRaisingAgainAfterAClosingDoesNotReopen() {
        var log = EventLog()
        log.add(.raise("X1"), at: "2026-10-20T00:00:00Z")
        log.add(.resolution("X1"), at: "2026-10-21T00:00:00Z")
        log.add(.raise("X1"), at: "2026-10-25T00:00:00Z")
        XCTAssertEqual(log.signals().exceptions.open, 0)
    }

    func testRaisedInWindowCountsExceptionsByTheirEarliestRaise() {
        var log = EventLog()
        log.add(.raise("X1"), at: "2026-10-20T00:00:00Z")
        log.add(.raise("X1"), at: "2026-10-25T00:00:00Z")
        log.add(.raise("X2"), at: windowStartText)
        log.add(.raise("X3"), at: asOfText)
        log.add(.raise("X4"), at: "2026-11-01T00:00:00Z")
        XCTAssertEqual(log.signals().exceptions.raisedInWindow, 1)
    }

    func testClosedInWindowCountsExceptionsByTheirEarliestClosing() {
        var log = EventLog()
        log.add(.raise("X1"), at: "2026-10-01T00:00:00Z")
        log.add(.resolution("X1"), at: "2026-10-20T00:00:00Z")
        log.add(.dismissal("X1"), at: "2026-10-25T00:00:00Z")
        log.add(.raise("X2"), at: "2026-10-01T00:00:00Z")
        log.add(.resolution("X2"), at: windowStartText)
        log.add(.raise("X3"), at: "2026-10-01T00:00:00Z")
        log.add(.dismissal("X3"), at: asOfText)
        log.add(.raise("X4"), at: "2026-10-01T00:00:00Z")
        log.add(.dismissal("X4"), at: "2026-10-26T00:00:00Z")
        log.add(.resolution("X4"), at: "2026-10-25T00:00:00Z")
        XCTAssertEqual(log.signals().exceptions.closedInWindow, 2)
    }

    func testClosingOfAnExceptionNotRaisedByAsOfIsNotCounted() {
        var log = EventLog()
        log.add(.resolution("X1"), at: "2026-10-25T00:00:00Z")
        log.add(.raise("X2"), at: "2026-11-01T00:00:00Z")
        log.add(.dismissal("X2"), at: "2026-10-26T00:00:00Z")

        let backlog = log.signals().exceptions
        XCTAssertEqual(backlog.closedInWindow, 0)
        XCTAssertEqual(backlog.open, 0)
    }

    func testEmptyBacklogHasNoOldestOpen() {
        let backlog = EventLog().signals().exceptions
        XCTAssertEqual(backlog.open, 0)
        XCTAssertEqual(backlog.openByKind, [:])
        XCTAssertNil(backlog.oldestOpen)
        XCTAssertEqual(backlog.raisedInWindow, 0)
    }
}
