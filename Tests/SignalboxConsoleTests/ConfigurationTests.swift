import SignalboxConsole
import SignalboxCore
import XCTest

final class ConfigurationTests: XCTestCase {
    func testMissingFileGivesDefaults() throws {
        let root = try temporaryDirectory(self)
        XCTAssertEqual(try ConsoleConfiguration.load(environment: ["XDG_CONFIG_HOME": root]), .defaults)
        XCTAssertEqual(try ConsoleConfiguration.load(environment: [:]), .defaults)
        XCTAssertEqual(ConsoleConfiguration.defaults.refreshSeconds, 2)
        XCTAssertEqual(ConsoleConfiguration.defaults.theme, "dark")
    }

    func testLoadsFromXDGConfigHome() throws {
        let root = try temporaryDirectory(self)
        try write("refreshSeconds: 3\ntheme: light\n", to: "config.yaml", in: root + "/signalbox")
        let config = try ConsoleConfiguration.load(environment: ["XDG_CONFIG_HOME": root, "HOME": "/nowhere"])
        XCTAssertEqual(config.refreshSeconds, 3)
        XCTAssertEqual(config.recomputeSeconds, ConsoleConfiguration.defaults.recomputeSeconds)
        XCTAssertEqual(config.theme, "light")
        XCTAssertEqual(config.rotateSeconds, ConsoleConfiguration.defaults.rotateSeconds)
        XCTAssertEqual(ConsoleConfiguration.filePath(environment: ["HOME": "/home/ana"]), "/home/ana/.config/signalbox/config.yaml")
    }

    func testFullFileOverridesEveryThreshold() throws {
        let yaml = """
        refreshSeconds: 1
        recomputeSeconds: 4
        rotateSeconds: 30
        theme: high-contrast
        thresholds:
          activation:
            p90: {warn: 2h, breach: 86400}
            pending: {warn: 0, breach: 3}
            oldestPending: {warn: 90m, breach: 1w}
          provisioning:
            successRate: {warn: 0.99, breach: 0.9}
            firstPassRate: {warn: 1, breach: 0}
          amendments:
            accuracy: {warn: 0.975, breach: 0.975}
          unbilled:
            amount31to60: {warn: 1000.50, breach: 2000}
            amount61Plus: {warn: 0.01, breach: 0.02}
          exceptions:
            open: {warn: 5, breach: 6}
            oldestOpen: {breach: 4d}
        """
        let config = try ConsoleConfiguration(yaml: yaml, file: "config.yaml")
        let t = config.thresholds
        XCTAssertEqual(config.rotateSeconds, 30)
        XCTAssertEqual(config.recomputeSeconds, 4)
        XCTAssertEqual(t.activation.p90, CeilingLimit(warn: .seconds(7200), breach: .days(1)))
        XCTAssertEqual(t.activation.pending, CeilingLimit(warn: 0, breach: 3))
        XCTAssertEqual(t.activation.oldestPending, CeilingLimit(warn: .seconds(5400), breach: .days(7)))
        XCTAssertEqual(t.provisioning.successRate, RateFloor(warn: decimal("0.99"), breach: decimal("0.9")))
        XCTAssertEqual(t.provisioning.firstPassRate, RateFloor(warn: decimal("1"), breach: .zero))
        XCTAssertEqual(t.amendments.accuracy, RateFloor(warn: decimal("0.975"), breach: decimal("0.975")))
        XCTAssertEqual(t.unbilled.amount31to60, CeilingLimit(warn: decimal("1000.5"), breach: decimal("2000")))
        XCTAssertEqual(t.unbilled.amount61Plus, CeilingLimit(warn: decimal("0.01"), breach: decimal("0.02")))
        XCTAssertEqual(t.exceptions.open, CeilingLimit(warn: 5, breach: 6))
        XCTAssertEqual(t.exceptions.oldestOpen, CeilingLimit(warn: .days(1), breach: .days(4)))
    }

    func testErrorsNameFileKeyAndReason() {
        assertError("refreshSeconds: 0\n", "config.yaml: refreshSeconds: 0 is out of range (whole seconds from 1 to 86400)")
        assertError("refreshSeconds: 0.5\n", #"config.yaml: refreshSeconds: "0.5" is not a whole number"#)
        assertError("recomputeSeconds: 0\n", "config.yaml: recomputeSeconds: 0 is out of range (whole seconds from 1 to 86400)")
        assertError("refreshSeconds: [1]\n", "config.yaml: refreshSeconds: expected a single value, found a list")
        assertError("refresh: 5\n", "config.yaml: refresh: unknown key (expected one of: refreshSeconds, recomputeSeconds, rotateSeconds, theme, thresholds, close)")
        assertError("theme: ../x\n", #"config.yaml: theme: "../x" is not a theme name (use letters, digits, '-', '_' or '.', not starting with '.')"#)
        assertError("thresholds: {latency: {}}\n", "config.yaml: thresholds.latency: unknown key (expected one of: activation, provisioning, amendments, unbilled, exceptions, timeToInvoice, resolution, invoiceToCash, throughput, reconciliation)")
        assertError("thresholds: {exceptions: {open: {warn: -1}}}\n", "config.yaml: thresholds.exceptions.open.warn: -1 must be a count ≥ 0")
        assertError("thresholds: {exceptions: {open: {warn: 60}}}\n",
                    "config.yaml: thresholds.exceptions.open: warn (60) is worse than breach (50); warn must not be above breach")
        assertError("thresholds: {provisioning: {successRate: {warn: 0.8}}}\n",
                    "config.yaml: thresholds.provisioning.successRate: warn (0.80) is worse than breach (0.85); for a rate floor warn must not be below breach")
        assertError("thresholds: {amendments: {accuracy: {warn: 1.5}}}\n",
                    "config.yaml: thresholds.amendments.accuracy.warn: 1.50 must be a rate between 0 and 1 (e.g. 0.95)")
        assertError("thresholds: {unbilled: {amount61Plus: {warn: -5}}}\n", "config.yaml: thresholds.unbilled.amount61Plus.warn: -5.00 must be an amount ≥ 0")
        assertError("thresholds: {unbilled: {amount61Plus: {warn: 1.23456}}}\n",
                    #"config.yaml: thresholds.unbilled.amount61Plus.warn: not an exact decimal (more than 4 decimal places): "1.23456""#)
        assertError("thresholds: {activation: {p90: {warn: soon}}}\n",
                    #"config.yaml: thresholds.activation.p90.warn: not a duration: "soon" (use a whole number and a unit: 90s, 30m, 36h, 7d, 2w)"#)
        assertError("thresholds: {activation: {p90: {warn: -5}}}\n", "config.yaml: thresholds.activation.p90.warn: -5 must be a duration ≥ 0")
        assertError("thresholds: {activation: {p50: {warn: 1h}}}\n", "config.yaml: thresholds.activation.p50: unknown key (expected one of: p90, pending, oldestPending)")
        assertError("thresholds: {activation: {p90: {warn: 1h, warning: 2h}}}\n", "config.yaml: thresholds.activation.p90.warning: unknown key (expected one of: warn, breach)")
        assertError("- 1\n", "config.yaml: expected a mapping of keys, found a list")
    }

    func testEmptyFileIsDefaults() throws {
        XCTAssertEqual(try ConsoleConfiguration(yaml: "", file: "c.yaml"), .defaults)
        XCTAssertEqual(try ConsoleConfiguration(yaml: "# nothing yet\n", file: "c.yaml"), .defaults)
    }

    func testUnreadableFileNamesThePath() throws {
        let root = try temporaryDirectory(self)
        try FileManager.default.createDirectory(atPath: root + "/signalbox/config.yaml", withIntermediateDirectories: true)
        XCTAssertThrowsError(try ConsoleConfiguration.load(environment: ["XDG_CONFIG_HOME": root])) { error in
            let failure = error as? ConfigurationError
            XCTAssertEqual(failure?.file, root + "/signalbox/config.yaml")
            XCTAssertEqual(failure?.key, "")
            XCTAssertTrue(failure?.reason.hasPrefix("cannot read") == true, "\(error)")
        }
    }

    private func assertError(_ yaml: String, _ expected: String, line: UInt = #line) {
        XCTAssertThrowsError(try ConsoleConfiguration(yaml: yaml, file: "config.yaml"), line: line) { error in
            XCTAssertEqual((error as? ConfigurationError)?.description, expected, line: line)
        }
    }
}
