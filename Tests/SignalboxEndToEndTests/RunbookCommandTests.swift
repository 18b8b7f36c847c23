import Foundation
import XCTest

/// `exceptions show` prints the runbook of the exception's kind; an installation's file replaces the shipped one,
/// and a broken one is reported as `file: line: reason`.
final class RunbookCommandTests: XCTestCase {
    var directory: URL!
    var store: String { directory.appendingPathComponent("store.sqlite").path }
    var config: String { directory.appendingPathComponent("config").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-runbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("exceptions.jsonl").path
        try (ExceptionCommandTests.raised("X1", failedEvent: nil, amount: "2500.00") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let ingest = try runner().run(["ingest", "--store", store, file])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func runner() -> CommandRunner {
        var runner = CommandRunner()
        runner.environment["XDG_CONFIG_HOME"] = config
        return runner
    }

    func testShowPrintsTheShippedRunbookAndItsJSON() throws {
        let shown = try runner().run(["exceptions", "show", "X1", "--store", store])
        XCTAssertEqual(shown.status, 0, shown.standardError)
        XCTAssertTrue(shown.standardOutput.contains("runbook:   owner Master data team — A source record matches several customers"),
                      shown.standardOutput)
        XCTAssertTrue(shown.standardOutput.contains("    1. Compare the subject with the numbered candidates"), shown.standardOutput)
        XCTAssertTrue(shown.standardOutput.contains("    link: Customer master data policy: https://wiki.example.com/mdm/customers"))

        let json = try runner().run(["exceptions", "show", "X1", "--json", "--store", store])
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let runbook = try XCTUnwrap(object?["runbook"] as? [String: Any])
        XCTAssertEqual(runbook["owner"] as? String, "Master data team")
        XCTAssertEqual((runbook["steps"] as? [String])?.count, 5)
    }

    func testInstallationRunbookReplacesTheShippedOneAndABrokenOneIsReported() throws {
        let runbooks = config + "/signalbox/runbooks"
        try FileManager.default.createDirectory(atPath: runbooks, withIntermediateDirectories: true)
        let file = runbooks + "/ambiguous_customer_mapping.yaml"
        try "owner: Sales ops EMEA\nsteps:\n  - Ask the account manager\n".write(toFile: file, atomically: true, encoding: .utf8)
        let replaced = try runner().run(["exceptions", "show", "X1", "--store", store])
        XCTAssertEqual(replaced.status, 0, replaced.standardError)
        XCTAssertTrue(replaced.standardOutput.contains("runbook:   owner Sales ops EMEA\n    1. Ask the account manager"),
                      replaced.standardOutput)

        try "owner: Sales ops EMEA\nstep:\n  - Ask the account manager\n".write(toFile: file, atomically: true, encoding: .utf8)
        let broken = try runner().run(["exceptions", "show", "X1", "--store", store])
        XCTAssertEqual(broken.status, 0, "the exception is still shown")
        XCTAssertEqual(broken.standardError.trimmingCharacters(in: .newlines),
                       "signalbox: \(file): 2: step: unknown key (expected one of: title, owner, steps, links)")
        XCTAssertTrue(broken.standardOutput.contains("X1  [high] ambiguous_customer_mapping"), broken.standardOutput)
        XCTAssertFalse(broken.standardOutput.contains("runbook:"), broken.standardOutput)
    }
}
