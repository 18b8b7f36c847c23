import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// Close mode: the calendar from the configuration, the countdown (on an injected clock), the unbilled split, the
/// queue's at-risk-first order, and the wall's large countdown, rendered at fixed sizes.
final class CloseModeTests: XCTestCase {
    private let october = CivilDate(year: 2026, month: 10, day: 30)
    private let november = CivilDate(year: 2026, month: 11, day: 30)
    private var berlin: CloseCalendar {
        CloseCalendar(timeZone: "Europe/Berlin", cutoffMinutes: 18 * 60, periodEnds: [november, october])
    }

    func testTheCalendarIsReadFromTheConfiguration() throws {
        let config = try ConsoleConfiguration(yaml: """
            close:
              timeZone: Europe/Berlin
              cutoff: "18:00"
              periodEnds: [2026-11-30, 2026-10-30]
            """, file: "config.yaml")
        XCTAssertEqual(config.close, berlin)
        XCTAssertEqual(try ConsoleConfiguration(yaml: "close: {periodEnds: [2026-12-31]}\n", file: "c.yaml").close,
                       CloseCalendar(timeZone: "UTC", cutoffMinutes: 1440, periodEnds: [CivilDate(year: 2026, month: 12, day: 31)]))
        XCTAssertNil(ConsoleConfiguration.defaults.close)
        let bad: [(String, String)] = [
            ("close: {timeZone: Mars/Olympus}\n", #"c.yaml: close.timeZone: "Mars/Olympus" is not a time zone"#),
            ("close: {cutoff: \"25:00\"}\n", #"c.yaml: close.cutoff: "25:00" is not a time of day (use HH:MM from 00:00 to 24:00, quoted)"#),
            ("close: {periodEnds: [2026-11-31]}\n", #"c.yaml: close.periodEnds[0]: "2026-11-31" is not a date (use YYYY-MM-DD)"#),
            ("close: {cutoffs: x}\n", "c.yaml: close.cutoffs: unknown key (expected one of: timeZone, cutoff, periodEnds)"),
        ]
        for (yaml, expected) in bad {
            XCTAssertThrowsError(try ConsoleConfiguration(yaml: yaml, file: "c.yaml")) { error in
                XCTAssertTrue("\(error)".hasPrefix(expected), "\(error)")
            }
        }
    }

    /// The cutoff is local time in the calendar's zone, daylight saving included; 24:00 is the day's end.
    func testCutoffsAndTheCurrentPeriod() {
        XCTAssertEqual(berlin.period(endingOn: november).cutoff, ts("2026-11-30T17:00:00Z"))
        XCTAssertEqual(berlin.period(endingOn: CivilDate(year: 2026, month: 7, day: 31)).cutoff, ts("2026-07-31T16:00:00Z"))
        XCTAssertEqual(CloseCalendar().period(endingOn: november).cutoff, ts("2026-12-01T00:00:00Z"))
        XCTAssertEqual(berlin.current(at: ts("2026-10-30T16:59:59Z"))?.end, october)
        XCTAssertEqual(berlin.current(at: ts("2026-10-30T17:00:00Z"))?.end, november, "at the cutoff the period is closed")
        XCTAssertEqual(berlin.current(at: ts("2027-01-05T00:00:00Z"))?.end, november, "after the last, the last")
        XCTAssertNil(CloseCalendar().current(at: ts("2026-10-30T00:00:00Z")))
        let period = berlin.period(endingOn: november)
        XCTAssertEqual(period.countdown(at: ts("2026-11-28T12:30:00Z")).text, "in 2d 4h")
        XCTAssertEqual(period.countdown(at: ts("2026-11-30T16:15:00Z")).text, "in 45m")
        XCTAssertEqual(period.countdown(at: ts("2026-11-30T20:05:00Z")).text, "passed 3h 05m ago")
        XCTAssertTrue(period.countdown(at: ts("2026-11-30T17:00:00Z")).passed)
    }

    /// Signals loaded in close mode also read the split; the queue opens with money at risk before the cutoff first.
    func testCloseModeReadsTheSplitAndOrdersTheQueue() {
        var state = closeState(calendar: berlin, size: Size(width: 80, height: 24))
        let effects = ConsoleUpdate.update(state, .signalsLoaded(ConsoleFixtures.signals, token: 8, at: ConsoleFixtures.asOf, notYetIn: 0)).1
        XCTAssertEqual(effects, [.loadTrends(asOf: ConsoleFixtures.asOf, reusing: .empty), .loadCloseExposure(asOf: ConsoleFixtures.asOf)])
        let plain = ConsoleFixtures.loadedState()
        XCTAssertEqual(ConsoleUpdate.update(plain, .signalsLoaded(ConsoleFixtures.signals, token: 8, at: ConsoleFixtures.asOf, notYetIn: 0)).1,
                       [.loadTrends(asOf: ConsoleFixtures.asOf, reusing: .empty)], "no close mode, no extra read")

        state = ConsoleUpdate.update(state, .key(.character("e"))).0
        guard case .queue(let screen) = state.screen else { return XCTFail("no queue") }
        XCTAssertEqual(screen.query.atRiskFirstBefore, ts("2026-11-30T17:00:00Z"))
        guard case .queue(let plainQueue) = ConsoleUpdate.update(plain, .key(.character("e"))).0.screen else { return XCTFail("no queue") }
        XCTAssertNil(plainQueue.query.atRiskFirstBefore)
    }

    /// 80×24 and 200×50: the status bar counts down, the unbilled tile leads with the split; the October period,
    /// whose cutoff passed 7 hours before, shows as passed.
    func testDashboardInCloseMode() {
        for (width, height) in [(80, 24), (200, 50)] {
            let state = closeState(calendar: berlin, size: Size(width: width, height: height))
            let buffer = ConsoleView.render(state, size: state.size, theme: .builtInDefault, lineSet: .unicode)
            assertSnapshot(buffer, named: "close-dashboard-\(width)x\(height)")
            let text = buffer.lines().joined(separator: "\n")
            XCTAssertTrue(text.contains(width == 80 ? " close in 30d 16h " : "close 2026-11-30 18:00 Europe/Berlin cutoff in 30d 16h"), text)
            XCTAssertTrue(text.contains(width == 80 ? "before cutoff USD 16,875.00 (27)" : "before cutoff USD 16,875.00 (27) · after 45,000.00 (70)"), text)
            if width == 80 { XCTAssertTrue(text.contains("after cutoff  45,000.00 (70)"), text) }
        }
        let passed = closeState(calendar: berlin.only(october), size: Size(width: 80, height: 24))
        let bar = ConsoleView.render(passed, size: passed.size, theme: .builtInDefault, lineSet: .unicode).lines()[22]
        XCTAssertTrue(bar.contains(" cutoff -7h 00m "), bar)
    }

    func testWallShowsTheCountdownLarge() {
        var state = closeState(calendar: berlin, size: Size(width: 80, height: 24), wall: true)
        state.focus = .unbilled
        let buffer = ConsoleView.render(state, size: state.size, theme: .builtInDefault, lineSet: .unicode)
        assertSnapshot(buffer, named: "close-wall-80x24")
        let text = buffer.lines().joined(separator: "\n")
        XCTAssertTrue(text.contains("close 2026-11-30 · cutoff 18:00 Europe/Berlin"), text)
        XCTAssertTrue(text.contains("███ ███   █     █  █   █"), "30d 16h in big numerals\n\(text)")
    }

    /// A loaded console in close mode with the split read: 27 of the 97 unbilled USD entries approved before the cutoff.
    private func closeState(calendar: CloseCalendar, size: Size, wall: Bool = false) -> ConsoleState {
        var state = ConsoleFixtures.loadedState(size: size, wall: wall)
        state.settings.configuration.close = calendar
        let period = calendar.current(at: ConsoleFixtures.asOf) ?? calendar.period(endingOn: november)
        let before = UnbilledTotals(hours: ExactDecimal(units: 1_125_000), amount: ExactDecimal(16_875), entries: 27)
        return ConsoleUpdate.update(state, .closeExposureLoaded(CloseExposure(period: period, asOf: ConsoleFixtures.asOf,
                                                                              approvedBeforeCutoff: ["USD": before]))).0
    }

    private func ts(_ text: String) -> Timestamp { (try? Timestamp(rfc3339: text)) ?? Timestamp(microseconds: 0) }
}
