import Foundation
import PostgresTestSupport
import XCTest

/// Every command that takes `--store`, run against a `postgres://` URL, and compared with the same commands
/// against a SQLite file where their output does not depend on the store.
final class PostgresCommandTests: CommandClusterTestCase {
    private var directory: URL!
    private let runner = CommandRunner()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-pg-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    /// Runs `arguments` against `store`; fails with its standard error unless it exits with `status`.
    @discardableResult
    private func run(_ arguments: [String], on store: String, status: Int32 = 0, file: StaticString = #filePath,
                     line: UInt = #line) throws -> CommandRunner.Result {
        let result = try runner.run(arguments + ["--store", store])
        XCTAssertEqual(result.status, status, "\(arguments.joined(separator: " ")): \(result.standardError)", file: file, line: line)
        return result
    }

    func testEveryStoreCommandWorksAgainstAPostgresURL() throws {
        let cluster = try self.cluster
        let url = try cluster.createDatabase("cli_\(UUID().uuidString.prefix(8).lowercased())")
        let sqlite = directory.appendingPathComponent("store.sqlite").path
        let lines = ConsoleDemoEvents.lines + [
            MoneyDecisionCommandTests.failed("evt-failed-1"),
            ExceptionCommandTests.raised("X1", failedEvent: "evt-failed-1", amount: "2500.00"),
            ExceptionCommandTests.raised("X2", failedEvent: nil, amount: nil),
            ExceptionCommandTests.raised("X3", failedEvent: nil, amount: nil),
            "not json",
        ]
        let file = directory.appendingPathComponent("events.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)

        var outputs: [String: [String]] = [:]
        for store in [url, sqlite] {
            var same: [String] = []
            try run(["migrate"], on: store)
            same.append(try run(["ingest", file], on: store, status: 65).standardOutput)
            same.append(try run(["signals", "--json", "--as-of", "2026-11-21T00:00:00Z"], on: store).standardOutput)
            same.append(try run(["signals", "--as-of", "2026-11-21T00:00:00Z"], on: store).standardOutput)
            same.append(try run(["rejected", "list"], on: store).standardOutput)
            same.append(try run(["trace", "C-1"], on: store).standardOutput)

            try run(["exceptions", "claim", "X1"], on: store)
            try run(["exceptions", "release", "X1"], on: store)
            try run(["exceptions", "note", "X1", "looked at it"], on: store)
            try run(["reprocess", "policy", "--self-approval-below", "10000", "--currency", "EUR"], on: store)
            try run(["reprocess", "request", "X1"], on: store)
            let listed = try run(["reprocess", "list"], on: store).standardOutput
            let requestID = try XCTUnwrap(listed.split(separator: "\n").dropFirst().first?.split(separator: " ").first, listed)
            try run(["reprocess", "approve", String(requestID)], on: store)
            try run(["exceptions", "resolve", "X2", "--candidate", "1"], on: store)
            try run(["exceptions", "dismiss", "X3", "--reason", "duplicate"], on: store)

            let list = try run(["exceptions", "list", "--all"], on: store).standardOutput
            XCTAssertTrue(list.contains("X2") && list.contains("X3"), list)
            let show = try run(["exceptions", "show", "X1", "--json"], on: store).standardOutput
            XCTAssertTrue(show.contains("looked at it"), show)
            XCTAssertTrue(try run(["reprocess", "list", "--all"], on: store).standardOutput.contains("X1"))
            let audit = try run(["audit", "list"], on: store).standardOutput
            let actions = audit.split(separator: "\n").map { line in
                // Without the time, the random request id and the actor's name (which each store authenticates its own way).
                String(line).replacingOccurrences(of: "^#[0-9]+  [^ ]+  ", with: "", options: .regularExpression)
                    .replacingOccurrences(of: "console-[0-9a-f]+", with: "ID", options: .regularExpression)
                    .replacingOccurrences(of: " by [^ :]+", with: " by U", options: .regularExpression)
            }
            let raised = ["X-1 raised [high] posting_failed: invoice rejected"]
                + ["X1", "X2", "X3"].map { "\($0) raised [high] ambiguous_customer_mapping: Globex matches two ERP customers" }
            XCTAssertEqual(actions, raised.map { "MIDDLEWARE  exception " + $0 } + [
                "exception X1 claimed by U", "exception X1 released by U", "note on X1 by U: looked at it",
                "reprocess policy changed by U: four eyes → four eyes, self-approval below EUR 10000.00",
                "exception X1 claimed by U", "reprocess ID requested by U for X1", "reprocess ID approved by U",
                "exception X2 claimed by U", "exception X2 resolved by U: mapped CRM/GLOBEX → ERP/C-100",
                "exception X3 claimed by U", "exception X3 dismissed by U: duplicate",
            ].map { "CONSOLE  " + $0 }, audit)
            try run(["audit", "verify"], on: store)
            // Without the actor's name, as above.
            same.append(try run(["exceptions", "list", "--all", "--json"], on: store).standardOutput
                .replacingOccurrences(of: #""raised_at":"[^"]*""#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #""assignee":"[^"]*""#, with: #""assignee":"U""#, options: .regularExpression)
                .replacingOccurrences(of: #" by [^ )"]+"#, with: " by U", options: .regularExpression))
            outputs[store == url ? "postgres" : "sqlite"] = same
        }
        XCTAssertEqual(outputs["postgres"], outputs["sqlite"], "the same commands print the same on both stores")

        // simulate writes to the PostgreSQL store too, and stops by itself.
        let simulated = try run(["simulate", "--duration", "2s", "--speed", "3600x"], on: url)
        XCTAssertTrue(simulated.standardError.isEmpty || !simulated.standardError.contains("error"), simulated.standardError)
        let after = try run(["signals", "--json"], on: url).standardOutput
        XCTAssertFalse(after.isEmpty)
    }
}
