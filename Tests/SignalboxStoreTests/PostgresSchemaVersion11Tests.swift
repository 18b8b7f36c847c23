import Foundation
import PostgresNIO
import PostgresTestSupport
import SignalboxCore
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// PostgreSQL schema 11: the backlog (§5) and the amount outstanding (§8) read the open work and what changed after T,
/// as SQLite's schema 21 does. (A cluster test case for its cluster and databases; it runs none of the conformance
/// checks.)
final class PostgresSchemaVersion11Tests: PostgresClusterConformanceTests {
    func testUpgradingASchema10StoreSumsTheUnpaidInvoicesAndTheSignalsStayTheReferences() async throws {
        let lines = Self.v2TrickyLines
        let (store, database) = try await makeMigratedDatabase(prefix: "openwork")
        try await ingest(lines, into: store, batchSize: 4)
        let keptAtIngest = try cluster.psql(OpenWorkChecks.keptSums, database: database)
        try cluster.psql(PostgresSchemaDowngrade.toVersion10, database: database)
        let old = try await PostgresStore.open(store.configuration)
        let version = try await old.schemaVersion()
        XCTAssertEqual(version, 10)

        try await old.migrate()
        let filled = try cluster.psql(OpenWorkChecks.keptSums, database: database)
        XCTAssertFalse(filled.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "some invoice is unpaid today")
        XCTAssertEqual(filled, keptAtIngest, "the upgrade sums the unpaid invoices as ingest keeps them")
        XCTAssertEqual(filled, try cluster.psql(OpenWorkChecks.recountedSums, database: database))
        XCTAssertTrue(try cluster.psql("SELECT indexdef FROM pg_indexes WHERE indexname = 'exceptions_unclosed'", database: database)
            .contains("WHERE (closed_at IS NULL)"), "the index holds the exceptions no closing has reached, not every one raised")
        try await OpenWorkChecks.assertBacklogAndInvoiceToCashAreTheReferences(old, lines: lines)
    }

    /// Postings, re-postings in another currency, payments before and after their posting, one at a time: after every
    /// transaction the kept sums are those of the invoices unpaid in it (`INSERT … ON CONFLICT DO UPDATE` fires the
    /// insert trigger for new invoices and the update trigger for the others; a payment alone deletes nothing).
    func testTheSumsFollowEveryPostingAndPaymentAsItIsStored() async throws {
        let lines = Self.v2TrickyLines
        let (store, database) = try await makeMigratedDatabase(prefix: "openwork")
        var changes = 0, previous = ""
        for (index, line) in lines.enumerated() {
            try await ingest([line], into: store, batchSize: 1)
            let kept = try cluster.psql(OpenWorkChecks.keptSums, database: database)
            XCTAssertEqual(kept, try cluster.psql(OpenWorkChecks.recountedSums, database: database), "after line \(index + 1)")
            if kept != previous { changes += 1 }
            previous = kept
        }
        XCTAssertGreaterThan(changes, 5, "the lines move the sums many times")
        try await OpenWorkChecks.assertBacklogAndInvoiceToCashAreTheReferences(store, lines: lines)
    }

    /// On a store whose history outgrew a few pages (20,000 exceptions, 10% of them never closed; 20,000 invoices, half
    /// of them unpaid; T near the end), the planner reads the open work from the partial indexes and what changed after
    /// T from ranges, and scans no table. (Where most exceptions stay open, as in the generator's data, reading the
    /// table whole can be the cheaper plan, and the planner may take it.)
    func testTheOpenWorkIsReadFromItsIndexesAndTheRangesAfterT() async throws {
        let (store, database) = try await makeMigratedDatabase(prefix: "openwork")
        let start: Int64 = 1_790_000_000_000_000, minute: Int64 = 60_000_000
        try cluster.psql("""
            INSERT INTO exceptions (exception_id, correlation_id, summary, raised_at, kind, severity, kind_at, closed_at)
            SELECT 'X-' || i, 'C-' || i, 'seeded', \(start) + i * \(minute),
                   (ARRAY['mapping_ambiguous', 'validation_failed', 'sync_failed', 'duplicate', 'timeout'])[1 + i % 5], 'high',
                   \(start) + i * \(minute), CASE WHEN i % 10 > 0 THEN \(start) + (i + 60) * \(minute) END
            FROM generate_series(1::bigint, 20000) AS i;
            INSERT INTO invoices (invoice_id, posted_at, latest_posting_at, currency, total_units, paid_at, paid_units, last_payment_at)
            SELECT 'INV-' || i, \(start) + i * \(minute), \(start) + i * \(minute), 'EUR', 100000,
                   CASE WHEN i % 2 = 0 THEN \(start) + (i + 1440) * \(minute) END, CASE WHEN i % 2 = 0 THEN 100000 ELSE 0 END,
                   CASE WHEN i % 2 = 0 THEN \(start) + (i + 1440) * \(minute) END
            FROM generate_series(1::bigint, 20000) AS i;
            VACUUM ANALYZE exceptions, invoices;
            """, database: database)
        let t = start + 19_000 * minute
        // The open exceptions are a range of either index (`closed_at IS NULL` is an index condition of the closing
        // index too); those raised again after T, of the partial index alone.
        let open = try await plan(of: PostgresOpenWork.openKindsAt(t), in: store)
        XCTAssertTrue(open.contains("Index Cond: ((closed_at IS NULL)") || open.contains("using exceptions_unclosed on exceptions"), open)
        XCTAssertTrue(open.contains("Index Cond: ((closed_at > "), open)
        let reraised = try await plan(of: PostgresOpenWork.reraisedAfter(t), in: store)
        XCTAssertTrue(reraised.contains("Index Only Scan using exceptions_unclosed on exceptions"), reraised)
        XCTAssertTrue(reraised.contains("Index Cond: ((closed_at > "), reraised)
        XCTAssertFalse(open.contains("Seq Scan") || reraised.contains("Seq Scan"), open + reraised)
        let moved = try await plan(of: PostgresOpenWork.outstandingMovedAfter(t), in: store)
        XCTAssertTrue(moved.contains("invoices_by_latest_posting") && moved.contains("invoices_by_last_payment"), moved)
        XCTAssertFalse(moved.contains("Seq Scan"), moved)
    }

    /// Viewers read the sums; no other login writes them, in `psql` or by writing the invoices they follow.
    func testNoLoginButTheOwnerWritesTheSums() async throws {
        let (store, database) = try await makeMigratedDatabase(prefix: "openwork")
        try await ingest(Self.v2TrickyLines, into: store, batchSize: 4)
        try assertOnlyTheOwnerWrites(OpenWorkChecks.keptSums, refusing: [
            "UPDATE invoices_outstanding SET owed_units = 0",
            "INSERT INTO invoices_outstanding VALUES ('XXX', 1, 1)",
            "DELETE FROM invoices_outstanding",
            "UPDATE invoices SET paid_at = 1, paid_units = total_units",
            "SELECT signalbox_count_outstanding()",
        ], in: database)
    }
}
