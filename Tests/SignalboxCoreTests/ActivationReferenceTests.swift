import SignalboxCore
import XCTest

final class ActivationReferenceTests: XCTestCase {
    func testLatencyRunsFromEarliestApprovalToLaterOfEarliestProvisioningAndSchedule() {
        var log = EventLog()
        log.add(.approval("C1"), at: "2026-10-25T00:00:00Z")
        log.add(.approval("C1"), at: "2026-10-26T00:00:00Z")
        log.add(.provisioning("C1"), at: "2026-10-25T05:00:00Z")
        log.add(.provisioning("C1"), at: "2026-10-25T02:00:00Z")
        log.add(.billingSchedule("C1"), at: "2026-10-25T01:00:00Z")
        log.add(.billingSchedule("C1"), at: "2026-10-27T00:00:00Z")

        let activation = log.signals().activation
        XCTAssertEqual(activation.count, 1)
        XCTAssertEqual(activation.p50, .hours(2))
        XCTAssertEqual(activation.p90, .hours(2))
        XCTAssertEqual(activation.max, .hours(2))
        XCTAssertEqual(activation.pending, 0)
        XCTAssertNil(activation.oldestPending)
    }

    func testContractWithoutApprovalIsNeitherActivatedNorPending() {
        var log = EventLog()
        log.add(.provisioning("C1"), at: "2026-10-25T00:00:00Z")
        log.add(.billingSchedule("C1"), at: "2026-10-25T01:00:00Z")
        log.add(.provisioning("C2"), at: "2026-10-25T00:00:00Z")

        let activation = log.signals().activation
        XCTAssertEqual(activation.count, 0)
        XCTAssertNil(activation.p50)
        XCTAssertNil(activation.p90)
        XCTAssertNil(activation.max)
        XCTAssertEqual(activation.pending, 0)
        XCTAssertNil(activation.oldestPending)
    }

    func testPendingIsApprovedAndNotYetActivatedWithOldestFromEarliestApproval() {
        var log = EventLog()
        log.add(.approval("C1"), at: "2026-10-20T00:00:00Z")
        log.add(.provisioning("C1"), at: "2026-10-21T00:00:00Z")
        log.add(.approval("C2"), at: "2026-10-29T00:00:00Z")
        log.add(.approval("C3"), at: "2026-10-01T00:00:00Z")
        log.add(.provisioning("C3"), at: "2026-10-02T00:00:00Z")
        log.add(.billingSchedule("C3"), at: "2026-10-03T00:00:00Z")

        let activation = log.signals().activation
        XCTAssertEqual(activation.pending, 2)
        XCTAssertEqual(activation.oldestPending, .days(11))
        XCTAssertEqual(activation.count, 0, "C3 was activated before the window")
    }

    func testActivationAfterAsOfLeavesTheContractPending() {
        var log = EventLog()
        log.add(.approval("C1"), at: "2026-10-25T00:00:00Z")
        log.add(.provisioning("C1"), at: "2026-10-26T00:00:00Z")
        log.add(.billingSchedule("C1"), at: "2026-11-01T00:00:00Z")

        let activation = log.signals().activation
        XCTAssertEqual(activation.count, 0)
        XCTAssertEqual(activation.pending, 1)
        XCTAssertEqual(activation.oldestPending, .days(6))
    }

    func testApprovalAfterAsOfDoesNotExist() {
        var log = EventLog()
        log.add(.approval("C1"), at: "2026-10-31T00:00:00.000001Z")
        XCTAssertEqual(log.signals().activation.pending, 0)
        XCTAssertEqual(log.signals(asOf: "2026-11-01T00:00:00Z").activation.pending, 1)
    }

    func testWindowExcludesActivationAtItsStartAndIncludesActivationAtAsOf() {
        var log = EventLog()
        log.add(.approval("C1"), at: "2026-10-20T00:00:00Z")
        log.add(.provisioning("C1"), at: "2026-10-21T00:00:00Z")
        log.add(.billingSchedule("C1"), at: windowStartText)
        log.add(.approval("C2"), at: "2026-10-20T00:00:00Z")
        log.add(.provisioning("C2"), at: asOfText)
        log.add(.billingSchedule("C2"), at: "2026-10-21T00:00:00Z")

        let activation = log.signals().activation
        XCTAssertEqual(activation.count, 1)
        XCTAssertEqual(activation.max, .days(11))
        XCTAssertEqual(activation.pending, 0, "C1 is activated, only outside the window")
    }

    func testLatencyIsNotClampedWhenApprovalComesAfterActivation() {
        var log = EventLog()
        log.add(.provisioning("C1"), at: "2026-10-25T00:00:00Z")
        log.add(.billingSchedule("C1"), at: "2026-10-25T01:00:00Z")
        log.add(.approval("C1"), at: "2026-10-25T03:00:00Z")

        XCTAssertEqual(log.signals().activation.max, .hours(-2))
    }

    func testPercentilesAreNearestRankOverTheContractsActivatedInTheWindow() {
        var log = EventLog()
        // Latencies 3h, 1h, 2h (in arrival order): p50 = 2h (rank ceil(1.5) = 2), p90 = 3h (rank ceil(2.7) = 3).
        for (contract, hours) in [("C1", "03"), ("C2", "01"), ("C3", "02")] {
            log.add(.approval(contract), at: "2026-10-25T00:00:00Z")
            log.add(.provisioning(contract), at: "2026-10-25T00:30:00Z")
            log.add(.billingSchedule(contract), at: "2026-10-25T\(hours):00:00Z")
        }

        let activation = log.signals().activation
        XCTAssertEqual(activation.count, 3)
        XCTAssertEqual(activation.p50, .hours(2))
        XCTAssertEqual(activation.p90, .hours(3))
        XCTAssertEqual(activation.max, .hours(3))
    }
}
