import Foundation
import XCTest

/// First runs that guide, lists that say when they were cut, and a binary that works outside the repository.
final class FirstRunCommandTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-first-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func testReadOnlyCommandsAndTheConsoleNeverCreateAStore() throws {
        let missing = path("nope.sqlite")
        for arguments in [["signals"], ["exceptions", "list"], ["reprocess", "list"], ["audit"], ["rejected", "list"], ["console"],
                          ["exceptions", "claim", "X1"]] {
            let result = try CommandRunner().run(arguments + ["--store", missing])
            XCTAssertEqual(result.status, 66, "\(arguments): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("no store at \(missing): it does not exist"), result.standardError)
            // What to do next, a line each, under the one-line reason.
            XCTAssertTrue(result.standardError.hasPrefix("signalbox: no store at \(missing): it does not exist (nothing was created). Next:\n  signalbox demo "), result.standardError)
            XCTAssertTrue(result.standardError.contains("\n  signalbox ingest --store \(missing) FILE.jsonl "), result.standardError)
            XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "\(arguments) created \(missing)")
        }
    }

    func testExceptionsListSaysWhenTheLimitCutItAndReprocessListHasJSON() throws {
        let store = path("store.sqlite")
        let lines = (1...3).map { MoneyDecisionCommandTests.failed("evt-\($0)") }
            + (1...3).map { ExceptionCommandTests.raised("X\($0)", failedEvent: "evt-\($0)", amount: "10.00") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path("in.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try CommandRunner().run(["ingest", "--store", store, path("in.jsonl")]).status, 0)
        let cut = try CommandRunner().run(["exceptions", "list", "--limit", "2", "--store", store])
        XCTAssertEqual(cut.standardOutput.split(separator: "\n").count, 3, cut.standardOutput)   // heading and 2 rows
        XCTAssertTrue(cut.standardError.contains("the first 2 shown; more exceptions match"), cut.standardError)
        let whole = try CommandRunner().run(["exceptions", "list", "--limit", "3", "--store", store])
        XCTAssertEqual(whole.standardError, "")

        XCTAssertEqual(try CommandRunner().run(["actors", "--allow-named", "--store", store]).status, 0)
        var alice = CommandRunner()
        alice.environment["SIGNALBOX_USER"] = "alice"
        XCTAssertEqual(try alice.run(["reprocess", "request", "X1", "--store", store]).status, 0)
        let json = try CommandRunner().run(["reprocess", "list", "--json", "--store", store])
        XCTAssertEqual(json.status, 0, json.standardError)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        XCTAssertEqual(object["exception_id"] as? String, "X1")
        XCTAssertEqual(object["status"] as? String, "pending_approval")
        XCTAssertEqual(object["requested_by"] as? String, "alice")
        let table = try CommandRunner().run(["reprocess", "list", "--store", store])
        XCTAssertTrue(table.standardOutput.contains("pending_approval"), table.standardOutput)
    }

    /// On an 80-column terminal `exceptions list` uses the console's column layout: the ID whole, cuts marked `…`;
    /// piped, every column is whole.
    func testExceptionsListFitsTheTerminalAndKeepsIDsWhole() throws {
        try ConsoleTmuxSession.requireTmux()
        let store = path("store.sqlite")
        let lines = (1...2).map { ExceptionCommandTests.raised("EXC-LHTCKV-000000\($0)", failedEvent: nil, amount: "418000.00") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path("in.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try CommandRunner().run(["ingest", "--store", store, path("in.jsonl")]).status, 0)
        let piped = try CommandRunner().run(["exceptions", "list", "--store", store])
        XCTAssertTrue(piped.standardOutput.contains("ambiguous_customer_mapping"), piped.standardOutput)
        XCTAssertTrue(piped.standardOutput.contains("EUR 418,000.00"), piped.standardOutput)
        let session = try ConsoleTmuxSession(width: 80, height: 10, environment: ["PATH": "/usr/bin:/bin", "TERM": "xterm", "LANG": "C.UTF-8"])
        try session.type("\(CommandRunner.executable) exceptions list --store \(store); echo listed-$((6*7))", enter: true)
        let screen = try session.waitFor("listed-42")
        XCTAssertTrue(screen.contains("EXC-LHTCKV-0000001"), screen)
        XCTAssertTrue(screen.contains("EUR 418,000.00"), screen)
        XCTAssertTrue(screen.split(separator: "\n").allSatisfy { $0.count <= 80 }, screen)
    }

    /// A bare `signalbox` on a new empty store says what to do next instead of a dashboard of `n/a`, and turns into
    /// the dashboard by itself as soon as events arrive.
    func testAConsoleOnAnEmptyStoreShowsNextStepsUntilEventsArrive() throws {
        try ConsoleTmuxSession.requireTmux()
        let store = path("empty.sqlite")
        XCTAssertEqual(try CommandRunner().run(["migrate", "--store", store]).status, 0)
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: [
            "PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "NO_COLOR": "1", "LANG": "C.UTF-8",
            "SIGNALBOX_STORE": store, "XDG_STATE_HOME": path("state"), "XDG_CONFIG_HOME": path("config"),
        ])
        try session.type("\(CommandRunner.executable) --refresh 1", enter: true)
        let first = try session.waitForAll(["No events in", "signalbox demo", "signalbox ingest FILE.jsonl", "live 1s"])
        XCTAssertFalse(first.contains("n/a"), first)
        XCTAssertFalse(first.contains("Activation latency"), first)

        try ConsoleDemoEvents.lines.joined(separator: "\n").write(toFile: path("in.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try CommandRunner().run(["ingest", "--store", store, path("in.jsonl")]).status, 0)
        let dashboard = try session.waitForAll(ConsoleTerminalTests.dashboardTexts.filter { !$0.contains("%") && !$0.contains("open") })
        XCTAssertFalse(dashboard.contains("signalbox demo"), dashboard)
        try session.type("q")
    }

    /// A binary copied to an empty directory has the demo events and the four themes built in.
    func testACopiedBinaryRunsTheDemoWithAShippedTheme() throws {
        try ConsoleTmuxSession.requireTmux()
        try FileManager.default.createDirectory(atPath: path("bin"), withIntermediateDirectories: true)
        let copy = path("bin/signalbox")
        try FileManager.default.copyItem(atPath: CommandRunner.executable, toPath: copy)
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: [
            "PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
            "XDG_DATA_HOME": path("data"), "XDG_STATE_HOME": path("state"), "XDG_CONFIG_HOME": path("config"),
        ])
        try session.type("cd \(path("bin")) && ./signalbox demo --no-simulate --theme light --store \(path("demo.sqlite"))", enter: true)
        let dashboard = try session.waitFor("Unbilled time")
        XCTAssertFalse(dashboard.contains("theme"), dashboard)
        XCTAssertTrue(dashboard.contains("Golden signals"), dashboard)
        try session.type("q")
        let after = try session.waitFor("demo store")
        XCTAssertTrue(after.contains("rejected 0"), after)
    }
}
