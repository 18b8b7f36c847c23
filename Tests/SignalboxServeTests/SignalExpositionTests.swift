import SignalboxCore
@testable import SignalboxServe
import XCTest

final class SignalExpositionTests: XCTestCase {
    private func signals() throws -> GoldenSignals {
        var unbilled = UnbilledTime()
        unbilled[.upTo30] = UnbilledTotals(hours: try ExactDecimal(parsing: "12.5"), amount: try ExactDecimal(parsing: "1875.005"), entries: 2)
        return GoldenSignals(
            asOf: try Timestamp(rfc3339: "2026-11-23T12:00:00Z"), window: .days(7),
            activation: ActivationLatency(latencies: [.seconds(3600), .seconds(5400)], pending: 2, oldestPending: .seconds(90_000)),
            provisioning: ProvisioningSignal(succeeded: 2, failed: 1, firstEvents: 0, firstPassed: 0),
            amendments: AmendmentAccuracy(accurate: 0, mismatched: 0, pending: 0),
            unbilled: ["EUR": unbilled],
            exceptions: ExceptionBacklog(openByKind: ["odd\"kind\\\n": 3], oldestOpen: nil, raisedInWindow: 1, closedInWindow: 0))
    }

    func testEveryFamilyHasHelpAndTypeAndTheJSONDigits() throws {
        let text = SignalExposition.render(try signals())
        let lines = text.split(separator: "\n").map(String.init)
        let families = lines.filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        XCTAssertEqual(families.count, lines.filter { $0.hasPrefix("# HELP ") }.count)
        XCTAssertEqual(Set(families).count, families.count)
        for expected in [
            "signalbox_signals_as_of_timestamp_seconds 1795435200",
            "signalbox_signals_window_seconds 604800",
            "signalbox_activation_latency_seconds{quantile=\"0.5\"} 3600.0",
            "signalbox_activation_latency_seconds{quantile=\"0.9\"} 5400.0",
            "signalbox_activation_oldest_pending_seconds 90000.0",
            "signalbox_provisioning_success_ratio 0.6667",
            "signalbox_provisioning_first_pass_ratio NaN",
            "signalbox_amendment_accuracy_ratio NaN",
            "signalbox_unbilled_amount{currency=\"EUR\",bucket=\"8-30\"} 1875.01",
            "signalbox_unbilled_amount{currency=\"EUR\",bucket=\"61+\"} 0.0",
            "signalbox_unbilled_hours{currency=\"EUR\",bucket=\"8-30\"} 12.5",
            "signalbox_exceptions_open{kind=\"odd\\\"kind\\\\\\n\"} 3",
            "signalbox_exceptions_oldest_open_seconds NaN",
        ] {
            XCTAssertTrue(lines.contains(expected), "\(expected) in\n\(text)")
        }
    }

    /// §10: money by control, currency and direction at the JSON's two decimals (an eight-decimal rate-leakage sum
    /// rounded half away from zero), and the counts.
    func testReconciliationAmountsByControlCurrencyAndDirection() throws {
        var signals = try signals()
        var leak = RateLeakage()
        leak.entries = 2
        leak.hours = ExactDecimal(units: 107_500)
        leak.underAmount = ExactProduct(units: 11_250_000_000)
        leak.overAmount = ExactProduct(units: 3_290_625_000)
        leak.unpriced = 1
        var mismatch = BillingMismatch()
        mismatch.lines = 1
        mismatch.overAmount = ExactDecimal(150)
        mismatch.unapprovedLines = 1
        mismatch.unapprovedAmount = ExactDecimal(600)
        var milestones = UnbilledMilestones()
        milestones.buckets[.upTo7] = MilestoneTotals(milestones: 1, amount: ExactDecimal(40_000))
        var over = OverContractValue()
        over.contracts = 1
        over.excess = ExactDecimal(105_000)
        signals.reconciliation = Reconciliation(rateLeakage: ["USD": leak], billingMismatch: ["USD": mismatch],
                                                doubleBilled: ["EUR": DoubleBilled(entries: 1, amount: ExactDecimal(2_703))],
                                                unbilledMilestones: ["GBP": milestones], overContractValue: ["USD": over])
        let lines = SignalExposition.render(signals).split(separator: "\n").map(String.init)
        for expected in [
            #"signalbox_reconciliation_amount{control="rate_leakage",currency="USD",direction="under"} 112.5"#,
            #"signalbox_reconciliation_amount{control="rate_leakage",currency="USD",direction="over"} 32.91"#,
            #"signalbox_reconciliation_amount{control="billing_mismatch",currency="USD",direction="over"} 150.0"#,
            #"signalbox_reconciliation_amount{control="billing_mismatch",currency="USD",direction="under"} 0.0"#,
            #"signalbox_reconciliation_amount{control="billing_mismatch",currency="USD",direction="unapproved"} 600.0"#,
            #"signalbox_reconciliation_amount{control="double_billed",currency="EUR",direction="over"} 2703.0"#,
            #"signalbox_reconciliation_amount{control="unbilled_milestones",currency="GBP",direction="under"} 40000.0"#,
            #"signalbox_reconciliation_amount{control="over_contract_value",currency="USD",direction="over"} 105000.0"#,
            #"signalbox_reconciliation_items{control="rate_leakage",currency="USD",what="unpriced"} 1"#,
            #"signalbox_reconciliation_items{control="billing_mismatch",currency="USD",what="unapproved_lines"} 1"#,
            #"signalbox_reconciliation_items{control="unbilled_milestones",currency="GBP",what="milestones"} 1"#,
            #"signalbox_reconciliation_hours{currency="USD"} 10.75"#,
            #"signalbox_reconciliation_unbilled_milestones_amount{currency="GBP",bucket="0-7"} 40000.0"#,
            #"signalbox_reconciliation_unbilled_milestones{currency="GBP",bucket="61+"} 0"#,
        ] {
            XCTAssertTrue(lines.contains(expected), "\(expected) in\n\(lines.filter { $0.contains("reconciliation") }.joined(separator: "\n"))")
        }
        XCTAssertFalse(SignalExposition.render(try self.signals()).contains("signalbox_reconciliation_amount{"), "nothing found: no samples")
    }

    func testFractionalInstantsKeepTheirMicroseconds() {
        XCTAssertEqual(SignalExposition.seconds(Timestamp(microseconds: 1_795_435_200_250_000)), "1795435200.25")
        XCTAssertEqual(SignalExposition.seconds(Timestamp(microseconds: 1_795_435_200_000_001)), "1795435200.000001")
    }
}
