import SignalboxConsole
import SignalboxCore
import XCTest

/// Thresholds per reconciliation control (configuration `thresholds: reconciliation:`), the tile's health and
/// `signals --check`'s judgement.
final class ReconciliationThresholdTests: XCTestCase {
    private func signals() -> GoldenSignals {
        var signals = emptySignals(asOf: ReconciliationFixtures.asOf)
        signals.reconciliation = ReconciliationFixtures.signal
        return signals
    }

    func testEachControlsLimitIsReadFromTheConfiguration() throws {
        let config = try ConsoleConfiguration(yaml: """
            thresholds:
              reconciliation:
                rateLeakage: {warn: 100, breach: 500.50}
                overContractValue: {breach: 200000}
            """, file: "config.yaml")
        let limits = config.thresholds.reconciliation
        XCTAssertEqual(limits[.rateLeakage], CeilingLimit(warn: ExactDecimal(100), breach: decimal("500.5")))
        XCTAssertEqual(limits[.overContractValue], CeilingLimit(warn: .zero, breach: ExactDecimal(200_000)))
        XCTAssertEqual(limits[.doubleBilled], ReconciliationThresholds.defaults[.doubleBilled])
    }

    func testABadReconciliationLimitNamesItsKey() {
        XCTAssertThrowsError(try ConsoleConfiguration(yaml: "thresholds: {reconciliation: {leakage: {warn: 1}}}\n", file: "config.yaml")) { error in
            XCTAssertEqual((error as? ConfigurationError)?.description, "config.yaml: thresholds.reconciliation.leakage: unknown key "
                + "(expected one of: rateLeakage, billingMismatch, doubleBilled, unbilledMilestones, overContractValue)")
        }
        XCTAssertThrowsError(try ConsoleConfiguration(yaml: "thresholds: {reconciliation: {doubleBilled: {warn: 9000}}}\n", file: "config.yaml")) { error in
            XCTAssertEqual((error as? ConfigurationError)?.description, "config.yaml: thresholds.reconciliation.doubleBilled: "
                + "warn (9000.00) is worse than breach (5000.00); warn must not be above breach")
        }
    }

    /// Each control's money at risk per currency is judged on its own, exactly: rate leakage USD of 232.50 + 32.90621
    /// is past a warn limit of 265.4062 though it rounds to it at four decimals.
    func testEachControlAndCurrencyIsJudgedWithPerformanceData() {
        var signals = signals()
        signals.reconciliation.rateLeakage["USD"]?.overAmount = ExactProduct(units: 3_290_621_000)
        var thresholds = Thresholds.defaults
        thresholds.reconciliation[.rateLeakage] = CeilingLimit(warn: decimal("265.4062"), breach: decimal("265.4063"))
        let check = ThresholdCheck(thresholds: thresholds, signals: signals)
        let readings = check.readings.filter { $0.kind == .reconciliation }
        XCTAssertEqual(readings.map(\.performanceData), [
            "reconciliation_rate_leakage_USD=265.41;265.41;265.41",
            "reconciliation_billing_mismatch_USD=900.00;1000.00;10000.00",
            "reconciliation_double_billed_EUR=2703.00;0.00;5000.00",
            "reconciliation_unbilled_milestones_GBP=135000.00;50000.00;250000.00",
            "reconciliation_over_contract_value_USD=105000.00;0.00;10000.00",
        ])
        XCTAssertEqual(readings.map(\.health), [.warn, .ok, .warn, .warn, .breach])
        XCTAssertEqual(check.status, .breach)
        XCTAssertTrue(check.output.hasPrefix("SIGNALBOX CRITICAL - reconciliation: over contract value USD 105,000.00 (critical above 10,000.00), "),
                      check.output)
        XCTAssertEqual(thresholds.health(of: .reconciliation, in: signals), .breach)
    }

    func testNothingFoundIsOK() {
        XCTAssertEqual(Thresholds.defaults.health(of: .reconciliation, in: emptySignals()), .ok)
        XCTAssertTrue(Thresholds.defaults.readings(of: .reconciliation, in: emptySignals()).isEmpty)
    }
}
