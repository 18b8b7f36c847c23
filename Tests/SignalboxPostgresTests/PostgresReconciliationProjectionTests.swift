import Foundation
import PostgresNIO
import PostgresTestSupport
import SignalboxCore
@testable import SignalboxPostgres
import SignalboxSimulation
import SignalboxStore
import Synchronization
import XCTest

/// §10's typed facts on PostgreSQL (schema 9): a store upgraded from schema 8 holds exactly the rows ingest writes,
/// and no login but the owner can write them.
final class PostgresReconciliationProjectionTests: ClusterTestCase {
    private static let tables = PostgresReconciliationProjection.tables

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

        try cluster.psql(PostgresSchemaDowngrade.toVersion10 + """
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

    /// An installation whose roles were made at schema 8: the upgrade grants its viewers the new tables, so a wall
    /// still reads §10.
    func testAViewerOfAnUpgradedInstallationReadsTheFacts() async throws {
        let (owner, database) = try await migratedStore()
        let configuration = try GeneratorConfiguration(
            seed: 29, contracts: 20, from: CivilDate(iso: "2026-10-01")!, to: CivilDate(iso: "2026-11-15")!)
        _ = try await owner.ingest(IngestBatch(lines: EventGenerator(configuration: configuration).map {
            IngestLine.event($0.event, json: $0.jsonLine)
        }))
        try cluster.psql(PostgresSchemaDowngrade.toVersion10 + """
            DROP TABLE \(Self.tables.joined(separator: ", "));
            DROP FUNCTION signalbox_record_reconciliation(bigint[]);
            DELETE FROM schema_version WHERE version >= \(PostgresReconciliationProjection.version);
            """, database: database)
        try cluster.psql(PostgresRoles.script, database: database)
        let wall = "wall_\(database.suffix(6))"
        try cluster.psql("CREATE ROLE \(wall) LOGIN IN ROLE \(PostgresRoles.viewer)", database: database)
        try await openStore(database: database).migrate()

        let viewer = try await openStore(database: database, user: wall)
        let asOf = configuration.start.adding(.days(40))
        let seen = try await viewer.signals(asOf: asOf, window: .days(30)).reconciliation
        let expected = try await owner.signals(asOf: asOf, window: .days(30)).reconciliation
        XCTAssertEqual(seen, expected)
        XCTAssertNotEqual(seen, .empty, "the window has findings")
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

    /// Schema 10: the recording function plans for index probes, on a new store and on one upgraded from schema 9
    /// (whose function was planned with the server's costs).
    func testTheRecordingFunctionIsPlannedForIndexProbesOnNewAndUpgradedStores() async throws {
        let (_, database) = try await migratedStore()
        let settings = "SELECT array_to_string(proconfig, ' ') FROM pg_proc WHERE proname = 'signalbox_record_reconciliation'"
        XCTAssertTrue(try cluster.psql(settings, database: database).contains("random_page_cost=1.1"))

        try cluster.psql(PostgresSchemaDowngrade.toVersion10 + """
            ALTER FUNCTION signalbox_record_reconciliation(bigint[]) RESET random_page_cost;
            DELETE FROM schema_version WHERE version >= \(PostgresReconciliationProjection.probeCostVersion);
            """, database: database)
        XCTAssertFalse(try cluster.psql(settings, database: database).contains("random_page_cost"), "schema 9's function")
        try await openStore(database: database).migrate()
        XCTAssertTrue(try cluster.psql(settings, database: database).contains("random_page_cost=1.1"), "upgraded")
    }
}

/// Two writers recording statements about one time entry at once: the second waits for the first's commit, so the
/// earlier approval is superseded by the later one whichever transaction stored which.
final class PostgresReconciliationConcurrencyTests: ClusterTestCase {
    private final class Flag: Sendable {
        private let raised = Mutex(false)
        var isRaised: Bool { raised.withLock { $0 } }
        func raise() { raised.withLock { $0 = true } }
    }

    static func approval(_ id: String, minutes: Int) -> String {
        let at = 1_793_000_000_000_000 + Int64(minutes) * 60_000_000
        let payload = """
            {"event_id":"\(id)","type":"time.approved","occurred_at":"x","source":"PSA","correlation_id":"C-1",\
            "data":{"time_entry_id":"TE-1","contract_id":"C-1","resource":"R-1","role":"Architect","work_date":"2026-10-01",\
            "hours":8,"rate":100,"amount":800,"currency":"EUR"}}
            """
        return """
            INSERT INTO events (event_id, type, occurred_at, source, correlation_id, entity_key, payload, ingested_at)
            VALUES ('\(id)', 'time.approved', \(at), 'PSA', 'C-1', 'TE-1', '\(payload)', 0)
            """
    }

    func testASecondWriterSeesTheFirstWritersApprovalOfTheSameEntry() async throws {
        let (_, database) = try await migratedStore()
        let first = try await openStore(database: database)
        let second = try await openStore(database: database)
        let firstRecorded = AsyncStream<Void>.makeStream()
        let commitFirst = AsyncStream<Void>.makeStream()
        let secondDone = Flag()

        let recorded = firstRecorded.continuation
        let mayCommit = commitFirst.stream
        let firstWriter = Task { () async throws -> Void in
            try await recordApproval("early", minutes: 0, in: first) { () async -> Void in
                recorded.yield()
                for await _ in mayCommit { break }
            }
        }
        for await _ in firstRecorded.stream { break }
        let secondWriter = Task { () async throws -> Void in
            try await recordApproval("late", minutes: 60, in: second) {}
            secondDone.raise()
        }
        // The first writer commits once the second is either waiting for it or done.
        try await eventually(within: 20) {
            let waiting = try cluster.psql("""
                SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'
                """, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
            guard waiting == "1" || secondDone.isRaised else { throw CancellationError() }
        }
        commitFirst.continuation.yield()
        try await firstWriter.value
        try await secondWriter.value

        let rows = try cluster.psql("""
            SELECT e.event_id, a.superseded_at - a.occurred_at FROM reconciliation_time_approvals a
            JOIN events e ON e.seq = a.seq ORDER BY a.occurred_at
            """, database: database)
        XCTAssertEqual(rows.trimmingCharacters(in: .whitespacesAndNewlines), "early|3600000000\nlate|",
                       "the early approval is superseded an hour later; the late one is current")
    }
}

/// In one transaction: stores an approval of TE-1, records its facts, runs `beforeCommit`, commits.
private func recordApproval(_ id: String, minutes: Int, in store: PostgresStore,
                            beforeCommit: @escaping @Sendable () async -> Void) async throws {
    let insert = PostgresReconciliationConcurrencyTests.approval(id, minutes: minutes)
    try await store.withConnection { connection, logger in
        try await connection.query("BEGIN", logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: insert), logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT signalbox_record_reconciliation(ARRAY(SELECT seq FROM events WHERE event_id = '\(id)'))
            """), logger: logger)
        await beforeCommit()
        try await connection.query("COMMIT", logger: logger)
    }
}
