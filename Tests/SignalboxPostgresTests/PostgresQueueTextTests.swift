import Foundation
import PostgresTestSupport
import SignalboxCore
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// Schema 7: a trigram index of every column the queue's text filter searches, on the expression its `LIKE` reads, so
/// that the planner can read a rare match through them.
final class PostgresQueueTextTests: ClusterTestCase {
    func testEveryColumnTheTextFilterSearchesHasATrigramIndexThePageCanRead() async throws {
        let (_, database) = try await migratedStore()
        let indexes = try cluster.psql("""
            SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE indexname LIKE 'exceptions_text_%'
            """, database: database)
        XCTAssertEqual(indexes.trimmingCharacters(in: .whitespacesAndNewlines),
                       ExceptionQuerySQL.textColumns.map(PostgresQueueText.indexName).sorted().joined(separator: ","))

        var query = ExceptionQuery()
        query.text = "zzz"
        query.includeClosed = true // else an empty partial index of open exceptions is the cheapest bitmap
        let (sql, parameters) = ExceptionQuerySQL(query: query, now: Timestamp(microseconds: 0),
                                                  dialect: PostgresExceptionQueries.dialect).page()
        let types = parameters.map { parameter in
            switch parameter {
            case .text: "text"
            case .integer: "bigint"
            }
        }
        let values = parameters.map { parameter in
            switch parameter {
            case .text(let text): "'" + text.replacing("'", with: "''") + "'"
            case .integer(let integer): "\(integer)"
            }
        }
        // An empty table is read whole whatever its indexes: forbid that, and the sort index's walk, to see whether
        // the filter's expressions can be read from the trigram indexes at all.
        let plan = try cluster.psql("""
            SET enable_seqscan = off; SET enable_indexscan = off;
            PREPARE page(\(types.joined(separator: ", "))) AS \(sql);
            EXPLAIN (COSTS OFF) EXECUTE page(\(values.joined(separator: ", ")));
            """, database: database)
        for column in ExceptionQuerySQL.textColumns {
            XCTAssertTrue(plan.contains("Bitmap Index Scan on \(PostgresQueueText.indexName(column))"), "\(column): \(plan)")
        }
    }
}
