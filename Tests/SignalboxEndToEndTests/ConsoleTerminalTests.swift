import Foundation
import XCTest

/// The console in a real terminal (tmux): demo, tiles, help, drill-down, resize, quit, terminal restored.
final class ConsoleTerminalTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        try ConsoleTmuxSession.requireTmux()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-console-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try ConsoleDemoEvents.lines.joined(separator: "\n").write(to: eventsFile, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private var eventsFile: URL { directory.appendingPathComponent("events.jsonl") }

    private func baseEnvironment(_ extra: [String: String]) -> [String: String] {
        ["PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8", "SIGNALBOX_DEMO_EVENTS": eventsFile.path,
         "XDG_DATA_HOME": directory.path, "XDG_STATE_HOME": directory.path].merging(extra) { $1 }
    }

    /// Printed by the shell once the console has exited, so keys typed next reach the shell, not the closing console.
    static let exited = "console-exited-42"
    static let afterExit = "; echo console-exited-$((6*7))"

    private func demoCommand() -> String {
        "\(CommandRunner.executable) demo --no-simulate --store \(directory.path)/demo.sqlite" + Self.afterExit
    }

    /// Tiles, help, drill-down, too-small and back, quit, then the shell still echoes.
    /// Returns the dashboard's first complete frame with its SGR sequences (`capture-pane -e`).
    @discardableResult
    private func walkThrough(environment: [String: String], border: String) throws -> String {
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: baseEnvironment(environment))
        try session.type(demoCommand(), enter: true)
        let dashboard = try session.waitForAll(Self.dashboardTexts + [border], styled: true)
        try session.type("?")
        try session.waitFor("Lists and traces")
        try session.press("Escape")
        try session.type("l")
        try session.press("Enter")
        try session.waitFor("Provisioning failures in the window")
        try session.waitFor("PSA_TIMEOUT")
        try session.press("Escape")
        try session.waitFor("Unbilled time")
        try session.resize(width: 40, height: 10)
        try session.waitFor("need 60×16, have 40×10")
        try session.resize(width: 80, height: 24)
        try session.waitFor("Unbilled time")
        try session.type("q")
        try session.waitFor(Self.exited)
        try session.type("echo back-$((40+2))", enter: true)
        try session.waitFor("back-42")
        return dashboard
    }

    /// Everything a complete dashboard frame shows (waited for together: a capture can be a half-drawn frame).
    static let dashboardTexts = ["Unbilled time", "Activation latency", "Provisioning", "Amendment accuracy", "Exceptions",
                                 "success 50.00%", "open 1"]

    func testDemoInAColourTerminal() throws {
        let dashboard = try walkThrough(environment: [:], border: "┌")
        XCTAssertFalse(SGR.colours(in: dashboard).isEmpty, "a colour terminal gets colours:\n\(dashboard)")
    }

    /// Space turns to the second page (signals 6–9) at 80×24; its drill-downs open; it holds at 200×50.
    func testTheSecondPageShowsTheV2SignalsAndTheirDrillDowns() throws {
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: baseEnvironment([:]))
        try session.type(demoCommand(), enter: true)
        try session.waitForAll(Self.dashboardTexts)
        try session.type(" ")
        try session.waitForAll(["Golden signals 2/2", "Time to invoice", "Resolution time", "Invoice to cash", "Throughput",
                                "events 5 in window", "Space page 1"])
        try session.type("j")
        try session.type("l")
        try session.press("Enter")
        try session.waitForAll(["Throughput: events stored in the window by source", "MIDDLEWARE", "40.00%"])
        try session.press("Escape")
        try session.type("k")
        try session.press("Enter")
        try session.waitForAll(["Resolution time by kind", "no exceptions closed in the window"])
        try session.press("Escape")
        try session.resize(width: 200, height: 50)
        try session.waitForAll(["Golden signals 2/2", "[Resolution time]", "from approval to first invoice"])
        try session.type("q")
        try session.waitFor(Self.exited)
    }

    func testDemoWithNoColorOnVT100() throws {
        let dashboard = try walkThrough(environment: ["NO_COLOR": "1", "TERM": "vt100"], border: "┌")
        XCTAssertEqual(SGR.colours(in: dashboard), [], "NO_COLOR: no colour sequence reaches the terminal")
        XCTAssertFalse(SGR.attributes(in: dashboard).isEmpty, "attributes (bold, reverse) still mark what colour would:\n\(dashboard)")
    }

    /// `--theme` picks the theme at start, `:theme` changes it live: monochrome has attributes and no colour, dark
    /// has colours.
    func testThemeOptionAndThemeCommand() throws {
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: baseEnvironment([:]))
        try session.type("\(CommandRunner.executable) demo --no-simulate --theme monochrome --store \(directory.path)/theme.sqlite"
                         + Self.afterExit, enter: true)
        let monochrome = try session.waitForAll(Self.dashboardTexts, styled: true)
        XCTAssertEqual(SGR.colours(in: monochrome), [], "monochrome: no colour")
        XCTAssertFalse(SGR.attributes(in: monochrome).isEmpty, "monochrome: attributes:\n\(monochrome)")
        try session.type(":theme dark")
        try session.press("Enter")
        // The whole dashboard in colour once Enter is handled (the typed ":theme dark" gone from the command line);
        // a capture taken while the new theme is being drawn may hold only part of it, so poll for the whole.
        try session.waitUntil(styled: true, failure: { _ in "no dashboard in the dark theme's colours" }) { screen in
            let plain = SGR.removed(from: screen)
            return Self.dashboardTexts.allSatisfy(plain.contains) && !plain.contains(":theme dark") && !SGR.colours(in: screen).isEmpty
        }
        try session.type(":theme no-such-theme")
        try session.press("Enter")
        try session.waitFor("no-such-theme")
        try session.type("q")
        try session.waitFor(Self.exited)
    }

    func testDemoInTheCLocaleFallsBackToASCII() throws {
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: baseEnvironment(["LANG": "C", "LC_ALL": "C"]))
        try session.type(demoCommand(), enter: true)
        let screen = try session.waitFor("Unbilled time")
        XCTAssertTrue(screen.contains("+-"), "ASCII borders expected:\n\(screen)")
        XCTAssertFalse(screen.contains("┌"))
        try session.type("q")
        try session.waitFor(Self.exited)
        try session.type("echo done-$((1+1))", enter: true)
        try session.waitFor("done-2")
    }

    /// Ctrl-\ (SIGQUIT) quits like Ctrl-C: the terminal is restored, the shell echoes, and no crash report is shown.
    func testControlBackslashQuitsWithoutACrashReport() throws {
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: baseEnvironment([:]))
        try session.type(demoCommand(), enter: true)
        try session.waitFor("Unbilled time")
        try session.press("C-\\")
        let screen = try session.waitFor(Self.exited)
        for crash in ["Crash", "crash", "Backtrace", "Press space", "Quit (core dumped)", "Thread 0"] {
            XCTAssertFalse(screen.contains(crash), "\(crash) on screen after Ctrl-\\:\n\(screen)")
        }
        XCTAssertFalse(screen.contains("Unbilled time"), "the console was left on screen:\n\(screen)")
        try session.type("echo quit-$((40+2))", enter: true)
        try session.waitFor("quit-42")
    }

    func testReadOnlySessionLeavesTheStoreBytesUnchanged() throws {
        let store = directory.appendingPathComponent("ro.sqlite").path
        let ingest = try CommandRunner(environment: baseEnvironment([:])).run(["ingest", "--store", store, eventsFile.path])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)
        let files = [store, store + "-time"]
        let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: baseEnvironment([:]))
        try session.type("\(CommandRunner.executable) --store \(store) --read-only --as-of 2026-10-31T00:00:00Z" + Self.afterExit, enter: true)
        try session.waitForAll(["Unbilled time", "[RO]"])
        try session.type("r")
        // Try to write: claim the open exception from its detail, then a note from the queue.
        try session.type("e")
        try session.waitForAll(["Open exceptions", "1 loaded"])
        try session.press("Enter")
        try session.waitFor("X-1")
        try session.type("c")
        try session.waitFor("read-only: actions are disabled")
        try session.press("Escape")
        try session.type("n")
        try session.waitFor("read-only: actions are disabled")
        try session.type("y")
        try session.type("q")
        try session.waitFor(Self.exited)
        try session.type("echo ro-$((1+1))", enter: true)
        try session.waitFor("ro-2")
        XCTAssertEqual(try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }, before, "the log and its -time companion")
        let show = try CommandRunner(environment: baseEnvironment([:])).run(["exceptions", "show", "X-1", "--json", "--store", store])
        XCTAssertFalse(show.standardOutput.contains("\"claim\":{"), "no claim was written: \(show.standardOutput)")
    }

    /// `--wall` opens the store read-only: on a store whose time-entry companion trails its log, a writable open
    /// would catch the companion up; the wall says it is behind, and no byte of either file changes.
    func testWallOpensTheStoreReadOnly() throws {
        let store = directory.appendingPathComponent("wall.sqlite").path
        let ingest = try CommandRunner(environment: baseEnvironment([:])).run(["ingest", "--store", store, eventsFile.path])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)
        try TrailingLog.append(Self.trailingApproval, toStore: store)
        let files = [store, store + "-time"]
        let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let session = try ConsoleTmuxSession(width: 160, height: 48, environment: baseEnvironment([:]))
        try session.type("\(CommandRunner.executable) --store \(store) --wall --as-of 2026-10-31T00:00:00Z" + Self.afterExit, enter: true)
        try session.waitForAll(["[RO]", "behind 1"])
        try session.type("q")
        try session.waitFor(Self.exited)
        XCTAssertEqual(try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }, before, "the log and its -time companion")
    }

    static let trailingApproval = #"{"event_id":"t-late","type":"time.approved","occurred_at":"2026-10-30T09:00:00Z","source":"PSA","correlation_id":"C-1","data":{"time_entry_id":"TE-9","contract_id":"C-1","project_id":"P-1","resource":"r","role":"dev","work_date":"2026-10-30","hours":"2","rate":"100","amount":"200","currency":"USD"}}"#
}

/// A small store's worth of events: one activated contract, one failed and one passed provisioning, an open exception.
enum ConsoleDemoEvents {
    static let lines = [
        event("a1", "contract.approved", "2026-10-29T09:00:00Z", "CLM", "C-1", #"{"contract_id":"C-1","customer":{"system":"CRM","key":"K1","name":"Acme"},"legal_entity":"LE1","currency":"USD","billing_model":"time_and_materials","total_value":"1000.00","rate_card":[{"role":"dev","rate":"100"}],"start_date":"2026-10-01","end_date":"2027-10-01"}"#),
        event("a2", "project.provisioning_failed", "2026-10-29T10:00:00Z", "MIDDLEWARE", "C-1", #"{"contract_id":"C-1","attempt":1,"reason_code":"PSA_TIMEOUT","message":"timeout"}"#),
        event("a3", "project.provisioned", "2026-10-29T11:00:00Z", "PSA", "C-1", #"{"contract_id":"C-1","project_id":"P-1"}"#),
        event("a4", "billing_schedule.created", "2026-10-29T12:00:00Z", "ERP", "C-1", #"{"contract_id":"C-1","schedule_id":"S-1"}"#),
        event("a5", "exception.raised", "2026-10-30T08:00:00Z", "MIDDLEWARE", "C-1", #"{"exception_id":"X-1","kind":"posting_failed","severity":"high","summary":"invoice rejected"}"#),
    ]

    private static func event(_ id: String, _ type: String, _ time: String, _ source: String, _ correlation: String, _ data: String) -> String {
        #"{"event_id":"\#(id)","type":"\#(type)","occurred_at":"\#(time)","source":"\#(source)","correlation_id":"\#(correlation)","data":\#(data)}"#
    }
}
