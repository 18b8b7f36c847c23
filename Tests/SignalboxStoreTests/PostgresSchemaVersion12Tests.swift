import Foundation
import PostgresNIO
import PostgresTestSupport
import SignalboxCore
@testable import SignalboxPostgres
import SignalboxSimulation
import SignalboxStore
import XCTest

/// PostgreSQL schema 12: unbilled time (§4) reads hourly sums of never-billed time kept by triggers, and entry by
/// entry only the hours an age bucket's edge cuts. (A cluster test case for its cluster and databases; it runs none of
/// the conformance checks.)
final class PostgresSchemaVersion12Tests: PostgresClusterConformanceTests {
    /// The never-billed entries per currency and hour, counted from `time_entries` (the hour by numeric floor, not the
    /// triggers' integer arithmetic), one line each.
    private static let recountedHours = """
        SELECT currency || ' ' || hour || ' ' || sum(hours_units) || ' ' || sum(amount_units) || ' ' || count(*)
        FROM (SELECT currency, floor(approved_at / 3600000000.0)::bigint AS hour, hours_units, amount_units
              FROM time_entries WHERE billed_at IS NULL) AS unbilled
        GROUP BY currency, hour ORDER BY 1
        """
    /// The same, as the store keeps them.
    private static let keptHours = """
        SELECT currency || ' ' || hour || ' ' || hours_units || ' ' || amount_units || ' ' || entries FROM unbilled_hours ORDER BY 1
        """

    /// Generated data (entries approved again, billed, delivered late and twice), upgraded from schema 11: the sums are
    /// those ingest keeps and a recount, and §4 equals the reference as of instants on and beside hour and bucket edges.
    func testUpgradingASchema11StoreSumsTheHoursAndUnbilledTimeStaysTheReference() async throws {
        let configuration = try GeneratorConfiguration(
            seed: 31, contracts: 50, from: CivilDate(iso: "2026-08-01")!, to: CivilDate(iso: "2026-11-15")!)
        let generated = EventGenerator(configuration: configuration).map { $0 }
        let (store, database) = try await makeMigratedDatabase(prefix: "unbilled")
        try await ingest(generated.map(\.jsonLine), into: store, batchSize: 500)
        let keptAtIngest = try cluster.psql(Self.keptHours, database: database)
        try cluster.psql(PostgresSchemaDowngrade.toVersion11, database: database)
        let old = try await PostgresStore.open(store.configuration)
        let version = try await old.schemaVersion()
        XCTAssertEqual(version, 11)

        try await old.migrate()
        let filled = try cluster.psql(Self.keptHours, database: database)
        XCTAssertGreaterThan(filled.split(separator: "\n").count, 100, "many hours hold unbilled time")
        XCTAssertEqual(filled, keptAtIngest, "the upgrade sums the hours as ingest keeps them")
        XCTAssertEqual(filled, try cluster.psql(Self.recountedHours, database: database))

        let events = generated.map(\.event)
        var buckets = Set<AgeBucket>()
        for day in stride(from: 20, through: 110, by: 9) {
            let midnight = configuration.start.adding(.days(Int64(day)))
            // On an hour, just after one, and inside one; bucket edges fall on the same minutes 8, 31 and 61 days back.
            for asOf in [midnight, midnight.adding(.seconds(1)), midnight.adding(.seconds(13 * 3600 + 1799))] {
                let stored = try await old.signals(asOf: asOf, window: .days(7), sections: [.unbilledTime]).unbilled
                let reference = SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)).unbilled
                XCTAssertEqual(stored, reference, "as of \(asOf)")
                for currency in reference.values { buckets.formUnion(currency.buckets.keys) }
            }
        }
        XCTAssertEqual(buckets, Set(AgeBucket.allCases), "the instants see every age bucket")
    }

    /// Approvals, re-approvals and invoices, one line at a time: after every transaction the kept sums are a recount.
    func testTheSumsFollowEveryApprovalAndInvoiceAsItIsStored() async throws {
        let lines = Self.trickyLines + Self.v2TrickyLines
        let (store, database) = try await makeMigratedDatabase(prefix: "unbilled")
        var changes = 0, previous = ""
        for (index, line) in lines.enumerated() {
            try await ingest([line], into: store, batchSize: 1)
            let kept = try cluster.psql(Self.keptHours, database: database)
            XCTAssertEqual(kept, try cluster.psql(Self.recountedHours, database: database), "after line \(index + 1)")
            if kept != previous { changes += 1 }
            previous = kept
        }
        XCTAssertGreaterThan(changes, 5, "the lines move the sums many times")
    }

    /// On 20,000 entries, a tenth never billed, T near the end: the cut hours and the entries billed after T are index
    /// ranges; no table is scanned.
    func testTheCutHoursAndTheEntriesBilledAfterTAreIndexRanges() async throws {
        let (store, database) = try await makeMigratedDatabase(prefix: "unbilled")
        let start: Int64 = 1_790_000_000_000_000, minute: Int64 = 60_000_000
        try cluster.psql("""
            INSERT INTO time_entries (time_entry_id, contract_id, resource, approved_at, hours_units, amount_units, currency, billed_at)
            SELECT 'T-' || i, 'C-' || (i % 200), 'R', \(start) + i * \(minute), 800, 100000, 'EUR',
                   CASE WHEN i % 10 > 0 THEN \(start) + (i + 1440) * \(minute) END
            FROM generate_series(1::bigint, 20000) AS i;
            VACUUM ANALYZE time_entries, unbilled_hours;
            """, database: database)
        let asOf = Timestamp(microseconds: start + 19_000 * minute)
        let query = PostgresUnbilledHours.unbilledAt(asOf.microseconds, cuts: UnbilledHours.cutHours(asOf: asOf))
        let plan = try await plan(of: query, in: store)
        XCTAssertTrue(plan.contains("Index Cond: ((billed_at IS NULL) AND (approved_at >= "), plan)
        XCTAssertTrue(plan.contains("Index Cond: ((billed_at > "), plan)
        XCTAssertFalse(plan.contains("Seq Scan on time_entries"), plan)
    }

    /// Viewers read the sums; no other login writes them.
    func testNoLoginButTheOwnerWritesTheSums() async throws {
        let (store, database) = try await makeMigratedDatabase(prefix: "unbilled")
        try await ingest(Self.trickyLines, into: store, batchSize: 4)
        try assertOnlyTheOwnerWrites(Self.keptHours, refusing: [
            "UPDATE unbilled_hours SET amount_units = 0",
            "INSERT INTO unbilled_hours VALUES ('XXX', 1, 1, 1, 1)",
            "DELETE FROM unbilled_hours",
            "UPDATE time_entries SET billed_at = 1",
        ], in: database)
    }
}
