import SignalboxConsole
import SignalboxCore
import XCTest

final class ConfigHealthTests: XCTestCase {
    private let thresholds = Thresholds.defaults

    func testEmptyPopulationsAreUnknownButEmptyBacklogsAreOK() {
        let signals = emptySignals()
        XCTAssertEqual(thresholds.health(of: .activation, in: signals), .unknown)
        XCTAssertEqual(thresholds.health(of: .provisioning, in: signals), .unknown)
        XCTAssertEqual(thresholds.health(of: .amendments, in: signals), .unknown)
        XCTAssertEqual(thresholds.health(of: .unbilled, in: signals), .ok)
        XCTAssertEqual(thresholds.health(of: .exceptions, in: signals), .ok)
    }

    func testActivationP90AtAndPastThresholds() {
        var signals = emptySignals()
        func p90(_ seconds: Int64) -> SignalHealth {
            signals.activation = ActivationLatency(latencies: [.seconds(seconds)], pending: 0, oldestPending: nil)
            return thresholds.health(of: .activation, in: signals)
        }
        XCTAssertEqual(p90(24 * 3600), .ok)
        XCTAssertEqual(p90(24 * 3600 + 1), .warn)
        XCTAssertEqual(p90(72 * 3600), .warn)
        XCTAssertEqual(p90(72 * 3600 + 1), .breach)
    }

    func testActivationPendingWithoutActivationsIsJudged() {
        var signals = emptySignals()
        signals.activation = ActivationLatency(latencies: [], pending: 11, oldestPending: .days(1))
        XCTAssertEqual(thresholds.health(of: .activation, in: signals), .warn)
        signals.activation = ActivationLatency(latencies: [], pending: 1, oldestPending: .seconds(7 * 86_400 + 1))
        XCTAssertEqual(thresholds.health(of: .activation, in: signals), .breach)
    }

    func testProvisioningRatesAreComparedExactlyAtTheFloor() {
        var signals = emptySignals()
        signals.provisioning = ProvisioningSignal(succeeded: 19, failed: 1, firstEvents: 0, firstPassed: 0)  // 0.95 exactly
        XCTAssertEqual(thresholds.health(of: .provisioning, in: signals), .ok)
        signals.provisioning = ProvisioningSignal(succeeded: 1899, failed: 101, firstEvents: 0, firstPassed: 0)  // 0.9495
        XCTAssertEqual(thresholds.health(of: .provisioning, in: signals), .warn)
        signals.provisioning = ProvisioningSignal(succeeded: 17, failed: 3, firstEvents: 0, firstPassed: 0)  // 0.85 exactly
        XCTAssertEqual(thresholds.health(of: .provisioning, in: signals), .warn)
        signals.provisioning = ProvisioningSignal(succeeded: 99_999, failed: 0, firstEvents: 3, firstPassed: 2)  // first pass 0.667
        XCTAssertEqual(thresholds.health(of: .provisioning, in: signals), .breach)
    }

    func testRatioBelowFloorDoesNotRoundUp() {
        // 2/3 rounds to 0.6667 but is below a 0.6667 floor.
        XCTAssertEqual(RateFloor(warn: decimal("0.6667"), breach: .zero).health(of: Ratio(2, over: 3)), .warn)
        XCTAssertEqual(RateFloor(warn: decimal("0.6666"), breach: .zero).health(of: Ratio(2, over: 3)), .ok)
        XCTAssertEqual(RateFloor(warn: decimal("0.5"), breach: .zero).health(of: nil), .unknown)
    }

    func testAmendmentAccuracy() {
        var signals = emptySignals()
        signals.amendments = AmendmentAccuracy(accurate: 17, mismatched: 1, pending: 2)  // 0.85
        XCTAssertEqual(thresholds.health(of: .amendments, in: signals), .warn)
        signals.amendments = AmendmentAccuracy(accurate: 16, mismatched: 4, pending: 0)  // 0.80
        XCTAssertEqual(thresholds.health(of: .amendments, in: signals), .breach)
    }

    func testUnbilledTakesTheWorstCurrencyAndExactAmounts() {
        var signals = emptySignals()
        var usd = UnbilledTime()
        usd[.upTo60] = UnbilledTotals(hours: decimal("10"), amount: decimal("10000.00"), entries: 2)
        var eur = UnbilledTime()
        eur[.upTo7] = UnbilledTotals(hours: decimal("900"), amount: decimal("900000"), entries: 90)
        signals.unbilled = ["USD": usd, "EUR": eur]
        XCTAssertEqual(thresholds.health(of: .unbilled, in: signals), .ok, "10000.00 equals the warn limit")
        usd[.upTo60].amount = decimal("10000.0001")
        signals.unbilled["USD"] = usd
        XCTAssertEqual(thresholds.health(of: .unbilled, in: signals), .warn)
        eur[.over60] = UnbilledTotals(hours: decimal("1"), amount: decimal("10000.01"), entries: 1)
        signals.unbilled["EUR"] = eur
        XCTAssertEqual(thresholds.health(of: .unbilled, in: signals), .breach)
    }

    func testExceptions() {
        var signals = emptySignals()
        signals.exceptions = ExceptionBacklog(openByKind: ["posting_failed": 10], oldestOpen: .days(1), raisedInWindow: 0, closedInWindow: 0)
        XCTAssertEqual(thresholds.health(of: .exceptions, in: signals), .ok)
        signals.exceptions.openByKind["x"] = 1
        XCTAssertEqual(thresholds.health(of: .exceptions, in: signals), .warn)
        signals.exceptions.oldestOpen = .seconds(3 * 86_400 + 1)
        XCTAssertEqual(thresholds.health(of: .exceptions, in: signals), .breach)
    }

    func testWorstAndRoles() {
        XCTAssertEqual(SignalHealth.worst([]), .unknown)
        XCTAssertEqual(SignalHealth.worst([.unknown, .ok]), .ok)
        XCTAssertEqual(SignalHealth.worst([.warn, .breach, .ok]), .breach)
        XCTAssertEqual(SignalHealth.allCases.map(\.themeRole), [.unknown, .ok, .warn, .breach])
    }
}
