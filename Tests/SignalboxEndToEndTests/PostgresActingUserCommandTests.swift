import Foundation
import PostgresTestSupport
import XCTest

/// The command line on a PostgreSQL store set up as `signalbox roles` documents: every login opens it writable,
/// and acts under its own name whatever `$SIGNALBOX_USER` says.
final class PostgresActingUserCommandTests: CommandClusterTestCase {
    private func signalbox(as login: String, named: String? = nil, _ arguments: [String],
                           database: String, cluster: PostgresTestCluster) throws -> CommandRunner.Result {
        var runner = CommandRunner()
        runner.environment["SIGNALBOX_USER"] = named
        return try runner.run(arguments + ["--store", cluster.url(database: database, user: login)])
    }

    func testALoginActsUnderItsOwnNameAndCannotApproveItsOwnRequest() throws {
        let cluster = try self.cluster
        let database = "cli_\(UUID().uuidString.prefix(8).lowercased())"
        try cluster.createDatabase(database)
        let owner = PostgresTestCluster.superuser
        let migrated = try signalbox(as: owner, ["migrate"], database: database, cluster: cluster)
        XCTAssertEqual(migrated.status, 0, migrated.standardError)
        let roles = try CommandRunner().run(["roles"])
        try cluster.psql(roles.standardOutput, database: database)
        let suffix = database.suffix(6)
        let (analyst, approver) = ("ana_\(suffix)", "bob_\(suffix)")
        try cluster.psql("""
            CREATE ROLE \(analyst) LOGIN IN ROLE signalbox_analyst;
            CREATE ROLE \(approver) LOGIN IN ROLE signalbox_approver;
            """, database: database)
        let events = FileManager.default.temporaryDirectory.appendingPathComponent("pg-cli-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: events) }
        try (MoneyDecisionCommandTests.failed("evt-failed-1") + "\n"
             + ExceptionCommandTests.raised("X1", failedEvent: "evt-failed-1", amount: "2500.00") + "\n")
            .write(to: events, atomically: true, encoding: .utf8)
        let ingested = try signalbox(as: owner, ["ingest", events.path], database: database, cluster: cluster)
        XCTAssertEqual(ingested.status, 0, ingested.standardError)

        // Finding: one login requested as SIGNALBOX_USER=carol and approved as SIGNALBOX_USER=bob.
        let asCarol = try signalbox(as: approver, named: "carol", ["reprocess", "request", "X1"], database: database, cluster: cluster)
        XCTAssertEqual(asCarol.status, 77, asCarol.standardOutput)
        XCTAssertTrue(asCarol.standardError.contains("acting as \"carol\" is refused"), asCarol.standardError)
        let requested = try signalbox(as: approver, ["reprocess", "request", "X1"], database: database, cluster: cluster)
        XCTAssertEqual(requested.status, 0, requested.standardError)
        XCTAssertTrue(requested.standardOutput.contains("reprocess requested: request "), requested.standardOutput)
        XCTAssertTrue(requested.standardOutput.contains(" for X1 by \(approver) "), requested.standardOutput)

        let list = try signalbox(as: analyst, ["reprocess", "list"], database: database, cluster: cluster)
        let requestID = try XCTUnwrap(list.standardOutput.split(separator: "\n").first { $0.contains("X1") }?
            .split(separator: " ").first.map(String.init), list.standardOutput)
        let asBob = try signalbox(as: approver, named: "bob", ["reprocess", "approve", requestID], database: database, cluster: cluster)
        XCTAssertEqual(asBob.status, 77, asBob.standardOutput)
        let own = try signalbox(as: approver, ["reprocess", "approve", requestID], database: database, cluster: cluster)
        XCTAssertEqual(own.status, 65, own.standardOutput)
        XCTAssertTrue(own.standardError.contains("a different user must approve"), own.standardError)

        // An analyst login opens the store writable (no DDL) and acts; approving is not its role.
        let noted = try signalbox(as: analyst, ["exceptions", "note", "X1", "customer called"], database: database, cluster: cluster)
        XCTAssertEqual(noted.status, 0, noted.standardError)
        XCTAssertTrue(noted.standardOutput.hasSuffix("by \(analyst)\n"), noted.standardOutput)
        let byAnalyst = try signalbox(as: analyst, ["reprocess", "approve", requestID], database: database, cluster: cluster)
        XCTAssertEqual(byAnalyst.status, 77, byAnalyst.standardOutput)
        let shown = try signalbox(as: analyst, ["actors"], database: database, cluster: cluster)
        XCTAssertEqual(shown.standardOutput, "you act as \(analyst) (PostgreSQL login \"\(analyst)\"); "
                       + "named actors refused: $SIGNALBOX_USER must be unset or \(analyst)\n", shown.standardError)
        let verified = try signalbox(as: analyst, ["audit", "verify"], database: database, cluster: cluster)
        XCTAssertEqual(verified.status, 0, verified.standardOutput + verified.standardError)
    }
}
