import Foundation
import PostgresTestSupport
import SignalboxCore
@testable import SignalboxPostgres
import SignalboxSimulation
import SignalboxStore
import XCTest

/// §10's typed facts on PostgreSQL (schema 9): a store upgraded from schema 8 holds exactly the rows ingest writes,
/// and no login but the owner can write them.
final class PostgresReconciliationProjectionTests: ClusterTestCase {
    private static let tables = ["reconciliation_time_approvals", "reconciliation_invoice_postings", "reconciliation_invoice_lines",
                                 "reconciliation_contract_terms", "reconciliation_contract_rates",
                                 "reconciliation_milestone_acceptances"]

    /// Every row of every table, in key order, as psql prints it.
    private func facts(in database: String) throws -> String {
        try Self.tables.map { table in
            try cluster.psql("SELECT * FROM \(table) ORDER BY seq\(table.hasSuffix("lines") || table.hasSuffix("rates") ? ", position" : "")",
                             database: database)
        }.joined(separator: "\n")
    }

    private func count(_ sql: String, in database: String) throws -> Int {
        Int(try cluster.psql(sql, database: database).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    func testAStoreAtSchemaEightUpgradesToTheRowsIngestWrites() async throws {
        let (store, database) = try await migratedStore()
        let configuration = try GeneratorConfiguration(
            seed: 23, contracts: 40, from: CivilDate(iso: "2026-09-01")!, to: CivilDate(iso: "2026-11-15")!)
        // The generator delivers some lines late (out of time order) and some twice.
        let lines = EventGenerator(configuration: configuration).map { IngestLine.event($0.event, json: $0.jsonLine) }
        for start in stride(from: 0, to: lines.count, by: 400) {
            _ = try await store.ingest(IngestBatch(lines: Array(lines[start..<min(start + 400, lines.count)])))
        }
        let ingested = try facts(in: database)
        XCTAssertEqual(try count("SELECT count(*) FROM reconciliation_time_approvals", in: database),
                       try count("SELECT count(*) FROM events WHERE type = 'time.approved'", in: database))
        XCTAssertGreaterThan(try count("SELECT count(*) FROM reconciliation_time_approvals WHERE superseded_at IS NOT NULL", in: database), 0,
                             "the data has entries approved again")
        XCTAssertGreaterThan(try count("SELECT count(*) FROM reconciliation_contract_rates", in: database), 0)
        XCTAssertGreaterThan(try count("SELECT count(*) FROM reconciliation_invoice_lines WHERE milestone_id IS NOT NULL", in: database), 0)
        let asOfs = stride(from: 10, through: 80, by: 14).map { configuration.start.adding(.days(Int64($0))) }
        var before: [ReconciliationRows] = []
        for asOf in asOfs { before.append(try await store.reconciliationRows(asOf: asOf, window: .days(7))) }

        try cluster.psql("""
            DROP TABLE \(Self.tables.joined(separator: ", "));
            DROP FUNCTION signalbox_record_reconciliation(bigint[]);
            DELETE FROM schema_version WHERE version >= \(PostgresReconciliationProjection.version);
            """, database: database)
        let old = try await openStore(database: database)
        try await assertEqualAsync(try await old.schemaVersion(), PostgresReconciliationProjection.version - 1)
        try await old.migrate()

        XCTAssertEqual(try facts(in: database), ingested, "the upgrade typed the log as ingest did")
        for (asOf, expected) in zip(asOfs, before) {
            let rows = try await old.reconciliationRows(asOf: asOf, window: .days(7))
            XCTAssertEqual(rows, expected, "as of \(asOf)")
        }
        XCTAssertTrue(before.contains { !$0.rateLeakage.isEmpty } && before.contains { !$0.unbilledMilestones.isEmpty },
                      "the as-of times see rows")
    }

    /// An analyst in psql can neither write the facts nor have the recording function write them.
    func testNoLoginButTheOwnerWritesTheFacts() async throws {
        let (owner, database) = try await migratedStore()
        try cluster.psql(PostgresRoles.script, database: database)
        let analyst = "ana_\(database.suffix(6))"
        try cluster.psql("CREATE ROLE \(analyst) LOGIN IN ROLE \(PostgresRoles.approver)", database: database)
        let contract = CanonicalEvent(
            eventID: "approve-C-1", occurredAt: Timestamp(epochSeconds: 1_793_000_000), source: .clm, correlationID: "C-1",
            payload: .contractApproved(ContractApproved(
                contractID: "C-1", customer: SystemRecord(system: "CRM", key: "K-1", name: "Acme"), legalEntity: "Signal Ltd",
                currency: "EUR", billingModel: .timeAndMaterials, totalValue: ExactDecimal(1000),
                rateCard: [RateCardEntry(role: "Architect", rate: ExactDecimal(200))],
                startDate: CivilDate(iso: "2026-10-01")!, endDate: CivilDate(iso: "2026-12-31")!)))
        _ = try await owner.ingest(IngestBatch(lines: [.event(contract, json: contract.jsonLine)]))
        let facts = try facts(in: database)
        for statement in [
            "INSERT INTO reconciliation_contract_rates (seq, position, role, rate) VALUES (999, 1, 'Architect', 1)",
            "UPDATE reconciliation_contract_terms SET total_value = 1",
            "DELETE FROM reconciliation_time_approvals",
            "SELECT signalbox_record_reconciliation(ARRAY(SELECT seq FROM events))",
        ] {
            do {
                try cluster.psql(statement, database: database, user: analyst)
                XCTFail("\(analyst) was allowed: \(statement)")
            } catch ClusterError.commandFailed(_, _, let output) {
                XCTAssertTrue(output.contains("permission denied"), output)
            }
        }
        XCTAssertEqual(try self.facts(in: database), facts, "nothing was written")
    }
}
