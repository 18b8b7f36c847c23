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
    private func walkThrough(environment: [String: String], border: String) throws {
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: baseEnvironment(environment))
        try session.type(demoCommand(), enter: true)
        let dashboard = try session.waitFor("Unbilled time")
        for text in ["Activation latency", "Provisioning", "Amendment accuracy", "Exceptions", "success 50.00%", "open 1"] {
            XCTAssertTrue(dashboard.contains(text), "dashboard lacks \(text):\n\(dashboard)")
        }
        XCTAssertTrue(dashboard.contains(border), "expected border \(border):\n\(dashboard)")
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
    }

    func testDemoInAColourTerminal() throws {
        try walkThrough(environment: [:], border: "┌")
    }

    func testDemoWithNoColorOnVT100() throws {
        try walkThrough(environment: ["NO_COLOR": "1", "TERM": "vt100"], border: "┌")
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
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: baseEnvironment([:]))
        try session.type("\(CommandRunner.executable) --store \(store) --read-only --as-of 2026-10-31T00:00:00Z" + Self.afterExit, enter: true)
        let screen = try session.waitFor("Unbilled time")
        XCTAssertTrue(screen.contains("[RO]"), screen)
        try session.type("r")
        try session.type("q")
        try session.waitFor(Self.exited)
        try session.type("echo ro-$((1+1))", enter: true)
        try session.waitFor("ro-2")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: store)), before)
    }
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
