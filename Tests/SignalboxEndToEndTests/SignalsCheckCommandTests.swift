import Foundation
import XCTest

/// `signalbox signals --check`: the monitoring-plugin convention, each of its four exit codes.
final class SignalsCheckCommandTests: SignalsCommandTestCase {
    /// Runs the check as of 4 h after the raise with `thresholds` as the configuration file's (none when nil).
    private func check(_ store: String, thresholds: String? = nil) throws -> CommandRunner.Result {
        var runner = CommandRunner()
        runner.environment["XDG_CONFIG_HOME"] = path("config")
        if let thresholds {
            try ("thresholds:\n" + thresholds).write(toFile: path("config/signalbox/config.yaml"), atomically: true, encoding: .utf8)
        }
        return try runner.run(["signals", "--check", "--store", store, "--as-of", "2026-11-20T12:00:00Z"])
    }

    func testWithinThresholdsIsOKWithPerformanceDataForEveryLimit() throws {
        let result = try check(try store())
        XCTAssertEqual(result.status, 0, result.standardOutput + result.standardError)
        let line = result.standardOutput.trimmingCharacters(in: .newlines)
        XCTAssertFalse(line.contains("\n"), "one status line")
        XCTAssertTrue(line.hasPrefix("SIGNALBOX OK - 10 signals within thresholds | "), line)
        for data in ["activation_p90=U;86400;259200", "provisioning_success_rate=U;0.95:;0.85:", "exceptions_open=1;10;50",
                     "exceptions_oldest_open=14400s;86400;259200", "time_to_invoice_p90=U;1209600;2592000",
                     "resolution_p90=U;259200;604800", "invoice_to_cash_p90=U;3888000;5184000",
                     "outstanding_EUR=500.00;1000000.00;5000000.00", "throughput_events=2;1:;0:"] {
            XCTAssertTrue(line.contains(" " + data), "\(data) in \(line)")
        }
    }

    func testAWarnLimitPassedIsWarning() throws {
        let result = try check(try store(), thresholds: "  exceptions:\n    open: {warn: 0, breach: 5}\n")
        XCTAssertEqual(result.status, 1, result.standardOutput + result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("SIGNALBOX WARNING - exceptions: open 1 (warning above 0) | "), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains(" exceptions_open=1;0;5 "), result.standardOutput)
    }

    func testABreachOfAV2LimitIsCriticalAndNamesEveryFailingFigure() throws {
        let result = try check(try store(), thresholds: """
              exceptions:
                open: {warn: 0}
              invoiceToCash:
                outstanding: {warn: 100, breach: 400}
              throughput:
                events: {warn: 5, breach: 3}

            """)
        XCTAssertEqual(result.status, 2, result.standardOutput + result.standardError)
        let status = String(result.standardOutput.prefix { $0 != "|" })
        XCTAssertTrue(status.hasPrefix("SIGNALBOX CRITICAL - "), status)
        XCTAssertTrue(status.contains("invoice to cash: outstanding EUR 500.00 (critical above 400.00)"), status)
        XCTAssertTrue(status.contains("throughput: events 2 (critical below 3)"), status)
        XCTAssertTrue(status.contains("exceptions: open 1 (warning above 0)"), status)
        XCTAssertTrue(result.standardOutput.contains(" throughput_events=2;5:;3:"), result.standardOutput)
    }

    /// §10 on a real store: each control is judged per currency against its own limit; a breached control makes the
    /// check CRITICAL and names the control, the currency and the money; every control and currency has performance data.
    func testABreachedReconciliationControlIsCriticalWithPerformanceData() throws {
        let store = path("reconciliation.sqlite")
        XCTAssertEqual(try CommandRunner().run(["ingest", "--store", store, try ReconciliationEvents.write(in: directory)]).status, 0)
        var runner = CommandRunner()
        runner.environment["XDG_CONFIG_HOME"] = path("config")
        try """
            thresholds:
              activation:
                oldestPending: {warn: 100d, breach: 100d}
              reconciliation:
                rateLeakage: {warn: 100, breach: 102.8375}
                doubleBilled: {warn: 100, breach: 399.99}
                unbilledMilestones: {warn: 2000, breach: 3000}

            """.write(toFile: path("config/signalbox/config.yaml"), atomically: true, encoding: .utf8)
        let result = try runner.run(["signals", "--check", "--store", store, "--as-of", ReconciliationEvents.asOf])
        XCTAssertEqual(result.status, 2, result.standardOutput + result.standardError)
        let status = String(result.standardOutput.prefix { $0 != "|" })
        XCTAssertTrue(status.hasPrefix("SIGNALBOX CRITICAL - reconciliation: double billed USD 400.00 (critical above 399.99), "), status)
        XCTAssertTrue(status.contains("rate leakage USD 102.84 (warning above 100.00)"), "102.8375 is not above 102.8375: \(status)")
        XCTAssertTrue(status.contains("over contract value EUR 500.00 (warning above 0.00)"), status)
        XCTAssertFalse(status.contains("unbilled milestones"), "2000 is not above 2000: \(status)")
        for data in ["reconciliation_rate_leakage_USD=102.84;100.00;102.84", "reconciliation_billing_mismatch_USD=122.84;1000.00;10000.00",
                     "reconciliation_double_billed_USD=400.00;100.00;399.99", "reconciliation_unbilled_milestones_EUR=2000.00;2000.00;3000.00",
                     "reconciliation_over_contract_value_EUR=500.00;0.00;10000.00"] {
            XCTAssertTrue(result.standardOutput.contains(" " + data), "\(data) in \(result.standardOutput)")
        }
    }

    func testAStoreThatCannotBeReadIsUnknown() throws {
        // A store path carrying an escape sequence: the status line names it, harmless, and ends with the reason.
        let hostile = path("nope\u{1B}]0;owned\u{07}.sqlite")
        let missing = try check(hostile)
        XCTAssertEqual(missing.status, 3, missing.standardOutput + missing.standardError)
        XCTAssertEqual(missing.standardOutput, "SIGNALBOX UNKNOWN - no store at \(path("nope.sqlite")): it does not exist (nothing was created)\n")

        // A PostgreSQL server that refuses the connection (nothing listens on port 1).
        let refused = try check("postgres://signalbox@127.0.0.1:1/none?connect_timeout=2&sslmode=disable")
        XCTAssertEqual(refused.status, 3, refused.standardOutput + refused.standardError)
        XCTAssertTrue(refused.standardOutput.hasPrefix("SIGNALBOX UNKNOWN - store unavailable: "), refused.standardOutput)
    }

    func testABrokenConfigurationIsUnknownNamingTheKey() throws {
        let result = try check(try store(), thresholds: "  throughput:\n    events: {warn: 1, breach: 4}\n")
        XCTAssertEqual(result.status, 3, result.standardOutput + result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("SIGNALBOX UNKNOWN - configuration: "), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("thresholds.throughput.events"), result.standardOutput)
    }
}
