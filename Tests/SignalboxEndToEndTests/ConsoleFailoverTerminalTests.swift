import Foundation
import PostgresTestSupport
import XCTest

/// A writable console on a URL naming a primary and its standby (`target_session_attrs=read-write`): the primary
/// stops and the standby is promoted while the console runs in a real terminal.
final class ConsoleFailoverTerminalTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        try ConsoleTmuxSession.requireTmux()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-failover-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private var environment: [String: String] {
        ["PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "NO_COLOR": "1", "LANG": "C.UTF-8",
         "XDG_CONFIG_HOME": directory.path, "XDG_DATA_HOME": directory.path, "XDG_STATE_HOME": directory.path]
    }

    /// The stale banner while no server takes writes, a claim tried meanwhile refused in words and never written,
    /// the console back on the promoted standby by itself, and the claim written once when tried again.
    func testAWritableConsoleFollowsAPromotedStandby() throws {
        let primary = try PostgresTestCluster.startOrSkip()
        defer { primary.tearDown() }
        let database = "failover_\(UUID().uuidString.prefix(8).lowercased())"
        let primaryURL = try primary.createDatabase(database)
        let events = directory.appendingPathComponent("events.jsonl").path
        try ConsoleDemoEvents.lines.joined(separator: "\n").write(toFile: events, atomically: true, encoding: .utf8)
        let runner = CommandRunner(environment: environment)
        XCTAssertEqual(try runner.run(["migrate", "--store", primaryURL]).status, 0)
        XCTAssertEqual(try runner.run(["ingest", "--store", primaryURL, events]).status, 0)
        let standby = try primary.startStandby()
        defer { standby.tearDown() }
        try waitUntil(within: 30, "the standby replays the events") {
            (try? standby.psql("SELECT count(*) FROM events", database: database))?.trimmingCharacters(in: .whitespacesAndNewlines) == "5"
        }
        let url = "postgres://\(PostgresTestCluster.superuser)@\(primary.host):\(primary.port),\(standby.host):\(standby.port)/"
            + "\(database)?sslmode=disable&target_session_attrs=read-write"

        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: environment)
        try session.type("\(CommandRunner.executable) --store '\(url)' --refresh 1; echo console-exited-$((6*7))", enter: true)
        try session.waitFor("Unbilled time")
        try session.type("e")
        try session.waitForAll(["Open exceptions", "X-1", "1 loaded"])

        // A claim asked before the primary stops and confirmed after, then one started during the outage: both
        // refused at once, in words, and nothing reaches a server.
        try session.type("c")
        try session.waitFor("claim X-1?")
        try primary.stopServer()
        try session.waitForAll(["STALE DATA", "STALE"])
        try session.type("y")
        let refused = try session.waitFor(Self.staleRefusal)
        XCTAssertFalse(refused.contains("done:"), refused)
        try session.type("c")
        try waitUntil(within: 20, "the second claim is refused") {
            let screen = (try? session.screen()) ?? ""
            return screen.contains(Self.staleRefusal) && !screen.contains("claim X-1?")
        }

        let promoting = Date()
        try standby.promote()
        try waitUntil(within: 60, "the console is back on the promoted standby") {
            let screen = (try? session.screen()) ?? ""
            return !screen.contains("STALE DATA") && !screen.contains("│ STALE") && screen.contains("live 1s")
        }
        print("failover: console live again on the promoted standby \(String(format: "%.2f", Date().timeIntervalSince(promoting))) s "
              + "after pg_ctl promote started")
        let standbyURL = standby.url(database: database)
        let untouched = try record("X-1", store: standbyURL, runner: runner)
        XCTAssertTrue(untouched["assignee"] is NSNull, "the refused claim left nothing behind: \(untouched)")
        XCTAssertFalse(String(describing: untouched["history"] ?? "").contains("claim"), "\(untouched)")

        try session.type("c")
        try session.waitFor("claim X-1?")
        try session.type("y")
        try session.waitFor("done: claim X-1")
        XCTAssertEqual(try record("X-1", store: standbyURL, runner: runner)["assignee"] as? String, PostgresTestCluster.superuser)
        let verify = try runner.run(["audit", "verify", "--store", standbyURL])
        XCTAssertEqual(verify.status, 0, verify.standardOutput + verify.standardError)
        try session.type("q")
        try session.waitFor("console-exited-42")
    }

    static let staleRefusal = "not written: the store is not answering (STALE); retry when the banner is gone"

    private func record(_ id: String, store: String, runner: CommandRunner) throws -> [String: Any] {
        let show = try runner.run(["exceptions", "show", id, "--json", "--store", store])
        XCTAssertEqual(show.status, 0, show.standardError)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as? [String: Any])
    }

    /// Polls `condition` every 50 ms; fails naming `what` after `seconds`.
    private func waitUntil(within seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            usleep(50_000)
        }
        XCTFail("not within \(seconds) s: \(what)")
        throw XCTSkip("stopping after the failure above")
    }
}
