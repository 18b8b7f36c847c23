import SignalboxCore
import XCTest

final class ProvisioningReferenceTests: XCTestCase {
    func testAttemptsAreBothEventTypesAndFirstPassLooksAtEachContractsFirstEvent() {
        var log = EventLog()
        log.add(.provisioningFailure("C1"), at: "2026-10-25T00:00:00Z")
        log.add(.provisioningFailure("C1"), at: "2026-10-26T00:00:00Z")
        log.add(.provisioning("C1"), at: "2026-10-27T00:00:00Z")
        log.add(.provisioning("C2"), at: "2026-10-28T00:00:00Z")

        let provisioning = log.signals().provisioning
        XCTAssertEqual(provisioning.attempts, 4)
        XCTAssertEqual(provisioning.succeeded, 2)
        XCTAssertEqual(provisioning.failed, 2)
        XCTAssertEqual(provisioning.successRate, Ratio(2, over: 4))
        XCTAssertEqual(provisioning.firstPassRate, Ratio(1, over: 2))
    }

    func testWindowExcludesEventsAtItsStartAndIncludesEventsAtAsOf() {
        var log = EventLog()
        log.add(.provisioning("C1"), at: windowStartText)
        log.add(.provisioning("C2"), at: asOfText)
        log.add(.provisioningFailure("C3"), at: windowStartText)
        log.add(.provisioningFailure("C4"), at: asOfText)

        let provisioning = log.signals().provisioning
        XCTAssertEqual(provisioning.succeeded, 1)
        XCTAssertEqual(provisioning.failed, 1)
        XCTAssertEqual(provisioning.firstEvents, 2)
        XCTAssertEqual(provisioning.firstPassed, 1)
    }

    func testContractWhoseFirstEventPrecedesTheWindowIsNotInFirstPass() {
        var log = EventLog()
        log.add(.provisioningFailure("C1"), at: "2026-10-01T00:00:00Z")
        log.add(.provisioning("C1"), at: "2026-10-25T00:00:00Z")

        let provisioning = log.signals().provisioning
        XCTAssertEqual(provisioning.successRate, Ratio(1, over: 1))
        XCTAssertNil(provisioning.firstPassRate)
    }

    func testFirstEventTieGoesToTheEarlierArrival() {
        var failedFirst = EventLog()
        failedFirst.add(.provisioningFailure("C1"), at: "2026-10-25T00:00:00Z")
        failedFirst.add(.provisioning("C1"), at: "2026-10-25T00:00:00Z")
        XCTAssertEqual(failedFirst.signals().provisioning.firstPassRate, Ratio(0, over: 1))

        var provisionedFirst = EventLog()
        provisionedFirst.add(.provisioning("C1"), at: "2026-10-25T00:00:00Z")
        provisionedFirst.add(.provisioningFailure("C1"), at: "2026-10-25T00:00:00Z")
        XCTAssertEqual(provisionedFirst.signals().provisioning.firstPassRate, Ratio(1, over: 1))
    }

    func testEventsAfterAsOfAreNeitherAttemptsNorFirstEvents() {
        var log = EventLog()
        log.add(.provisioning("C1"), at: "2026-10-24T12:00:00Z")
        log.add(.provisioningFailure("C1"), at: "2026-11-02T00:00:00Z")
        log.add(.provisioning("C2"), at: "2026-11-01T00:00:00Z")
        log.add(.provisioningFailure("C2"), at: "2026-10-25T00:00:00Z")

        let provisioning = log.signals().provisioning
        XCTAssertEqual(provisioning.succeeded, 1)
        XCTAssertEqual(provisioning.failed, 1)
        XCTAssertEqual(provisioning.firstEvents, 2)
        XCTAssertEqual(provisioning.firstPassed, 1)
    }

    func testNoProvisioningEventsGiveNullRates() {
        let provisioning = EventLog().signals().provisioning
        XCTAssertEqual(provisioning.attempts, 0)
        XCTAssertNil(provisioning.successRate)
        XCTAssertNil(provisioning.firstPassRate)
    }
}
