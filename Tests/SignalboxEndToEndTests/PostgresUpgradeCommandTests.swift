import Foundation
import PostgresTestSupport
import XCTest

/// A writer's open of a PostgreSQL store that needs an upgrade says so on standard error before it starts, as for
/// SQLite: schema 9 reads the whole log to type §10's facts.
final class PostgresUpgradeCommandTests: CommandClusterTestCase {
    func testAWriterThatUpgradesTheStoreSaysSoBeforeItStarts() throws {
        let database = "upgrade_\(UUID().uuidString.prefix(8).lowercased())"
        let url = try cluster.createDatabase(database)
        let runner = CommandRunner()
        let events = try reconciliationEventsFile()

        let created = try runner.run(["ingest", "--store", url, events])
        XCTAssertEqual(created.status, 0, created.standardError)
        XCTAssertEqual(created.standardError, "", "creating the schema is not an upgrade")
        let signals = ["signals", "--json", "--as-of", ReconciliationEvents.asOf, "--store", url]
        let before = try runner.run(signals).standardOutput
        let current = try cluster.psql("SELECT max(version) FROM schema_version", database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // The store as schema 8 left it: no typed facts for §10.
        try cluster.psql(PostgresSchemaDowngrade.toVersion10 + """
            DROP TABLE reconciliation_time_approvals, reconciliation_invoice_postings, reconciliation_invoice_lines,
                       reconciliation_contract_terms, reconciliation_contract_rates, reconciliation_milestone_acceptances;
            DROP FUNCTION signalbox_record_reconciliation(bigint[]);
            DELETE FROM schema_version WHERE version >= 9;
            """, database: database)

        let upgraded = try runner.run(["ingest", "--store", url, events])
        XCTAssertEqual(upgraded.status, 0, upgraded.standardError)
        let notice = upgraded.standardError
        XCTAssertTrue(notice.hasPrefix("signalbox: upgrading "), notice)
        XCTAssertTrue(notice.hasSuffix("/\(database) from schema 8 to \(current), once: on a store of millions of events this can take a minute…\n"),
                      notice)
        XCTAssertEqual(notice.components(separatedBy: "\n").count, 2, "one line: \(notice)")
        XCTAssertEqual(try runner.run(signals).standardOutput, before, "the upgraded store's figures, §10's included")

        let again = try runner.run(["ingest", "--store", url, events])
        XCTAssertEqual(again.standardError, "", "nothing to upgrade")
    }
}
