import Foundation
import XCTest

/// The exception queue in a real terminal: alice resolves an ambiguous mapping, bob's console shows it live,
/// and the store (read back by the CLI) holds the resolution with a sound audit chain.
final class ConsoleQueueTerminalTests: XCTestCase {
    private var directory: URL!
    private var store: String { directory.appendingPathComponent("queue.sqlite").path }

    override func setUpWithError() throws {
        try ConsoleTmuxSession.requireTmux()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-queue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let lines = ["X1", "X2"].map { ExceptionCommandTests.raised($0, failedEvent: nil, amount: "2500.00") } + ConsoleDemoEvents.lines
        let file = directory.appendingPathComponent("exceptions.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let ingest = try CommandRunner(environment: environment("mw")).run(["ingest", "--store", store, file])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)
        // Several people share this machine's OS account: the store must say they may be named.
        let allow = try CommandRunner(environment: environment("mw")).run(["actors", "--allow-named", "--store", store])
        XCTAssertEqual(allow.status, 0, allow.standardError)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func environment(_ user: String) -> [String: String] {
        ["PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8", "SIGNALBOX_USER": user,
         "XDG_CONFIG_HOME": directory.path, "XDG_DATA_HOME": directory.path, "XDG_STATE_HOME": directory.path]
    }

    private func openConsole(as user: String) throws -> ConsoleTmuxSession {
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: environment(user))
        try session.type("\(CommandRunner.executable) console --store \(store) --refresh 1", enter: true)
        try session.waitFor("Unbilled time")
        try session.type("e")
        try session.waitFor("Open exceptions")
        return session
    }

    /// A console as `user` on the queue filtered to ambiguous mappings, with the first one open.
    private func openAmbiguousMapping(as user: String) throws -> ConsoleTmuxSession {
        let session = try openConsole(as: user)
        try session.type("/kind:ambiguous_customer_mapping")
        try session.press("Enter")
        try session.waitFor("2 loaded")
        try session.press("Enter")
        try session.waitFor("1  ERP/C-100")
        return session
    }

    /// Home and End inside tmux with `TERM=xterm-256color` (tmux sends `ESC [1~` and `ESC [4~`; xterm's entry says
    /// `ESC O H` and `ESC O F`): they move the selection to the first and the last row; they do not leave the queue.
    func testHomeAndEndMoveTheSelectionInsideTmuxWithAnXtermEntry() throws {
        let session = try openConsole(as: "bob")
        let screen = try session.waitFor("EXCEPTION ")
        let lines = screen.split(separator: "\n").map(String.init)
        let header = try XCTUnwrap(lines.firstIndex { $0.contains("EXCEPTION") }, screen)
        let ids = lines[(header + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.contains("│") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        XCTAssertGreaterThanOrEqual(ids.count, 3, screen)
        let (first, last) = try (XCTUnwrap(ids.first), XCTUnwrap(ids.last))

        try session.press("End")
        try session.press("Enter")
        try session.waitFor("Exception \(last) ·")
        try session.press("Escape")
        try session.waitFor(" loaded")
        try session.press("Home")
        try session.press("Enter")
        try session.waitFor("Exception \(first) ·")
        try session.type("q")
    }

    func testResolveAnAmbiguousMappingAndAnotherUserSeesItLive() throws {
        let bob = try openAmbiguousMapping(as: "bob")
        let alice = try openAmbiguousMapping(as: "alice")
        try alice.type("1")
        try alice.waitFor("Write: resolve as candidate 1: X1?")
        try alice.type("y")
        try alice.waitFor("done: resolve as candidate 1: X1")
        try alice.waitFor("resolved by alice")

        try bob.waitFor("resolved by alice", seconds: 10)
        try bob.press("Escape")
        try bob.waitFor("1 loaded")

        try alice.type("q")
        try bob.type("q")
        let show = try CommandRunner(environment: environment("viewer")).run(["exceptions", "show", "X1", "--json", "--store", store])
        XCTAssertEqual(show.status, 0, show.standardError)
        let record = try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as? [String: Any]
        XCTAssertEqual(record?["state"] as? String, "resolved")
        let mapping = (record?["resolution"] as? [String: Any])?["mapping"] as? [String: String]
        XCTAssertEqual(mapping, ["source_system": "CRM", "source_key": "GLOBEX", "target_system": "ERP", "target_key": "C-100"])
        let audit = try CommandRunner(environment: environment("viewer")).run(["audit", "verify", "--store", store])
        XCTAssertEqual(audit.status, 0, audit.standardOutput + audit.standardError)
    }

    /// Finding 1 in the console: the dialog lists every exception it will write; an exception ingested while it is
    /// open is not written by `y`, and the result accounts for every listed id.
    func testApplyToAllWritesExactlyTheListedExceptionsDespiteAConcurrentIngest() throws {
        let alice = try openAmbiguousMapping(as: "alice")
        try alice.type("a")
        try alice.waitFor("every open exception about CRM/GLOBEX")
        try alice.type("1")
        try alice.press("Enter")
        try alice.waitFor("2 open exceptions will be resolved — exactly these:")
        try alice.waitFor("X2  ambiguous_customer_mapping  EUR 2500.00")

        let late = directory.appendingPathComponent("late.jsonl").path
        try (ExceptionCommandTests.raised("X9", failedEvent: nil, amount: "777000.00") + "\n")
            .write(toFile: late, atomically: true, encoding: .utf8)
        let ingest = try CommandRunner(environment: environment("mw")).run(["ingest", "--store", store, late])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)

        try alice.type("y")
        try alice.waitFor("done: resolve the 2 exceptions listed about CRM/GLOBEX as ERP/C-100 (2 written)")
        try alice.type("q")
        let viewer = CommandRunner(environment: environment("viewer"))
        for (id, state) in [("X1", "resolved"), ("X2", "resolved"), ("X9", "open")] {
            let show = try viewer.run(["exceptions", "show", id, "--json", "--store", store])
            let record = try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as? [String: Any]
            XCTAssertEqual(record?["state"] as? String, state, id)
        }
    }

    func testSimulatingDemoStartsAndQuitsCleanly() throws {
        try ConsoleDemoEvents.lines.joined(separator: "\n").write(to: directory.appendingPathComponent("events.jsonl"), atomically: true, encoding: .utf8)
        var environment = environment("ops")
        environment["SIGNALBOX_DEMO_EVENTS"] = directory.appendingPathComponent("events.jsonl").path
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: environment)
        try session.type("\(CommandRunner.executable) demo --store \(directory.path)/demo.sqlite --refresh 1", enter: true)
        try session.waitFor("Unbilled time")
        try session.type("q")
        try session.waitFor("demo: simulated to")
        try session.type("echo sim-$((1+1))", enter: true)
        try session.waitFor("sim-2")
    }
}
