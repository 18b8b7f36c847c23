import Foundation
import XCTest

/// The console's write paths in a real terminal, each read back through the command line: a note (`n`), a
/// reprocess request (`p` → `y`) and its approval (`A`), and the resolve-all preview's count (`a`).
final class ConsoleWriteTerminalTests: XCTestCase {
    private var directory: URL!
    private var store: String { directory.appendingPathComponent("writes.sqlite").path }
    /// More exceptions about one subject than a dialog that counted only its first rows would show (5).
    private let ids = (1...7).map { "X\($0)" }

    override func setUpWithError() throws {
        try ConsoleTmuxSession.requireTmux()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-writes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let lines = ids.map { MoneyDecisionCommandTests.failed("evt-failed-\($0)") }
            + ids.map { ExceptionCommandTests.raised($0, failedEvent: "evt-failed-\($0)", amount: "2500.00") }
            + ConsoleDemoEvents.lines
        let file = directory.appendingPathComponent("exceptions.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let runner = CommandRunner(environment: environment)
        XCTAssertEqual(try runner.run(["ingest", "--store", store, file]).status, 0)
        // One person may request and approve below 10,000 (so this test needs no second user).
        let policy = try runner.run(["reprocess", "policy", "--self-approval-below", "10000", "--currency", "EUR", "--store", store])
        XCTAssertEqual(policy.status, 0, policy.standardError)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private var environment: [String: String] {
        ["PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
         "XDG_CONFIG_HOME": directory.path, "XDG_DATA_HOME": directory.path, "XDG_STATE_HOME": directory.path]
    }

    private func showJSON(_ id: String) throws -> [String: Any] {
        let show = try CommandRunner(environment: environment).run(["exceptions", "show", id, "--json", "--store", store])
        XCTAssertEqual(show.status, 0, show.standardError)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as? [String: Any])
    }

    func testNoteReprocessRequestApprovalAndTheResolveAllPreviewCount() throws {
        let session = try ConsoleTmuxSession(width: 100, height: 30, environment: environment)
        try session.type("\(CommandRunner.executable) console --store \(store) --refresh 1; echo console-exited-$((6*7))", enter: true)
        try session.waitFor("Unbilled time")
        try session.type("e")
        try session.waitForAll(["Open exceptions", "\(ids.count + 1) loaded"])
        try session.type("/X1")
        try session.press("Enter")
        try session.waitFor("1 loaded")
        try session.press("Enter")
        try session.waitForAll(["X1", "1  ERP/C-100"])

        try session.type("n")
        try session.type("checked with finance")
        try session.press("Enter")
        try session.waitFor(#"Write: add note "checked with finance" to X1?"#)
        try session.type("y")
        try session.waitFor(#"done: add note "checked with finance" to X1"#)

        try session.type("p")
        try session.waitFor("Write: request reprocessing of X1?")
        try session.type("y")
        try session.waitFor("done: request reprocessing of X1")

        try session.type("A")
        try session.waitFor("Write: approve reprocess")
        try session.type("y")
        try session.waitFor("done: approve reprocess")

        // Resolve-all: the dialog lists exactly the exceptions the command line's preview counts.
        let cli = try CommandRunner(environment: environment)
            .run(["exceptions", "resolve", "--subject", "CRM/GLOBEX", "--target-key", "C-100", "--store", store])
        let expected = try XCTUnwrap(cli.standardOutput.firstMatch(of: /would resolve (\d+) open/)?.1, cli.standardOutput)
        XCTAssertGreaterThan(Int(expected) ?? 0, EffectRunnerPreview.sample, "more than the preview lists")
        try session.type("a")
        try session.type("C-100")
        try session.press("Enter")
        try session.waitFor("\(expected) open exceptions will be resolved — exactly these:")
        try session.type("n")
        try session.type("q")
        try session.waitFor("console-exited-42")

        let record = try showJSON("X1")
        let history = (record["history"] as? [[String: Any]])?.compactMap { $0["description"] as? String } ?? []
        XCTAssertTrue(history.contains { $0.contains("checked with finance") }, "the note is in the history: \(history)")
        let requests = try XCTUnwrap(record["reprocess_requests"] as? [[String: Any]], "\(record)")
        XCTAssertEqual(requests.count, 1)
        XCTAssertEqual(requests.first?["status"] as? String, "approved", "\(requests)")
        XCTAssertNotNil(requests.first?["approved_by"] as? String, "the request was approved: \(requests)")
        XCTAssertEqual(try showJSON("X2")["state"] as? String, "open", "the preview was declined: nothing resolved")
    }
}

/// A count of rows that a resolve-all dialog showing only its first rows would stop at (the dialog counts all).
enum EffectRunnerPreview {
    static let sample = 5
}
