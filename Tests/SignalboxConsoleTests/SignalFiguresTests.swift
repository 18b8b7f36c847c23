import SignalboxConsole
import SignalboxCore
import SignalboxTerminal
import XCTest

/// The tiles show the same numbers as `signalbox signals --json`, rounded the same way.
final class SignalFiguresTests: XCTestCase {
    private func json(_ path: [String]) -> String {
        var value = ConsoleFixtures.signals.jsonDocument
        for key in path {
            guard case .object(let object) = value, let next = object[key] else { return "missing \(path)" }
            value = next
        }
        if case .number(let text) = value { return text }
        return "not a number"
    }

    /// Each rate as the JSON prints it and as the tile prints it, both written out here (neither side is
    /// formatted by the function under test).
    func testRatesMatchTheJSONRounding() {
        let s = ConsoleFixtures.signals
        let rates: [(Ratio?, [String], json: String, tile: String)] = [
            (s.provisioning.successRate, ["provisioning", "success_rate"], "0.88", "88.00%"),
            (s.provisioning.firstPassRate, ["provisioning", "first_pass_rate"], "0.9024", "90.24%"),  // 37/41 = 0.902439…
            (s.amendments.accuracy, ["amendment_accuracy", "accuracy"], "0.75", "75.00%"),
        ]
        for (ratio, path, jsonText, tile) in rates {
            XCTAssertEqual(json(path), jsonText, "\(path)")
            XCTAssertEqual(SignalFigures.percent(ratio), tile, "\(path)")
        }
    }

    func testRoundingIsHalfAwayFromZeroLikeTheJSON() {
        XCTAssertEqual(SignalFigures.percent(Ratio(1, over: 8)), "12.50%")      // 0.125 exactly
        XCTAssertEqual(SignalFigures.percent(Ratio(1, over: 3)), "33.33%")
        XCTAssertEqual(SignalFigures.percent(Ratio(2, over: 3)), "66.67%")
        XCTAssertEqual(SignalFigures.percent(Ratio(1, over: 20_000)), "0.01%")   // 0.00005 → 0.0001
        XCTAssertEqual(SignalFigures.percent(nil), "—")
        XCTAssertEqual(SignalFigures.money(ExactDecimal(units: 12_345)), "1.23")
        XCTAssertEqual(SignalFigures.money(ExactDecimal(units: 12_350)), "1.24")
    }

    func testMoneyAndHoursMatchTheJSON() throws {
        let usd = try XCTUnwrap(ConsoleFixtures.signals.unbilled["USD"]).total
        XCTAssertEqual(json(["unbilled_time", "USD", "amount"]), "61875.0")
        XCTAssertEqual(SignalFigures.money(usd.amount), "61875.00")
        XCTAssertEqual(json(["unbilled_time", "USD", "hours"]), "412.5")
        XCTAssertEqual(SignalFigures.money(usd.hours), "412.50")
    }

    func testDurationsUseTheJSONMillisecondRounding() {
        XCTAssertEqual(SignalDuration(microseconds: 59_999_500).roundedToMilliseconds.microseconds, 60_000_000)
        XCTAssertEqual(SignalFigures.duration(SignalDuration(microseconds: 59_999_500)), "1m")
        XCTAssertEqual(SignalFigures.duration(.seconds(5400)), "1h 30m")
        XCTAssertEqual(SignalFigures.duration(nil), "—")
    }

    func testTheDashboardShowsTheseFigures() {
        let size = Size(width: 160, height: 48)
        let text = ConsoleView.render(ConsoleFixtures.loadedState(size: size), size: size, theme: .builtInDefault, lineSet: .unicode)
            .lines().joined(separator: "\n")
        for expected in ["success 88.00%", "first pass 90.24%", "accuracy 75.00%", "USD 61,875.00 · 412.50 h · 97 entries",
                         "p50 1h 30m", "p90 1d 0h", "open 17", "oldest 3d 0h", "posting_failed 12"] {
            XCTAssertTrue(text.contains(expected), "missing \(expected)")
        }
    }
}

/// Amounts lead with their currency and group thousands, exactly (no Double).
final class AmountFigureTests: XCTestCase {
    func testCurrencyFirstWithThousandsSeparators() throws {
        XCTAssertEqual(SignalFigures.amount(ExactDecimal(418_000), currency: "EUR"), "EUR 418,000.00")
        XCTAssertEqual(SignalFigures.amount(try ExactDecimal(parsing: "-1234567.005"), currency: "USD"), "USD -1,234,567.01")
        XCTAssertEqual(SignalFigures.grouped(try ExactDecimal(parsing: "999.5")), "999.50")
        XCTAssertEqual(SignalFigures.amount(nil, currency: "EUR"), "—")
        XCTAssertEqual(SignalFigures.grouped(try ExactDecimal(parsing: "4948.75")), "4,948.75")
        XCTAssertEqual(SignalFigures.grouped(try ExactDecimal(parsing: "-1000")), "-1,000.00")
    }

    /// Tiles group thousands in every count and in hours as they do in money: `4,948.75 h · 1,234 entries`.
    func testTilesGroupThousandsInCountsAndHours() throws {
        var signals = ConsoleFixtures.signals
        signals.amendments = AmendmentAccuracy(accurate: 1501, mismatched: 208, pending: 396)
        signals.provisioning = ProvisioningSignal(succeeded: 4400, failed: 600, firstEvents: 4100, firstPassed: 3700)
        signals.unbilled = ["USD": UnbilledTime(buckets: [
            .upTo7: UnbilledTotals(hours: try ExactDecimal(parsing: "4948.75"), amount: ExactDecimal(742_312), entries: 1234),
        ])]
        let size = Size(width: 160, height: 48)
        let state = ConsoleUpdate.update(ConsoleFixtures.loadedState(size: size), .signalsLoaded(signals, token: 8, at: ConsoleFixtures.asOf,
                                                                                                 notYetIn: 0)).0
        let text = ConsoleView.render(state, size: size, theme: .builtInDefault, lineSet: .unicode).lines().joined(separator: "\n")
        for expected in ["USD 742,312.00 · 4,948.75 h · 1,234 entries", "accuracy 71.31% of 2,105", "accurate 1,501",
                         "success 88.00% (4,400/5,000)"] {
            XCTAssertTrue(text.contains(expected), "missing \(expected) in\n\(text)")
        }
    }
}
