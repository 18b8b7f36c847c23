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

    func testFractionalInstantsKeepTheirMicroseconds() {
        XCTAssertEqual(SignalExposition.seconds(Timestamp(microseconds: 1_795_435_200_250_000)), "1795435200.25")
        XCTAssertEqual(SignalExposition.seconds(Timestamp(microseconds: 1_795_435_200_000_001)), "1795435200.000001")
    }
}
