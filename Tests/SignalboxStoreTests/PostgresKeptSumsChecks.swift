import Foundation
import PostgresNIO
import PostgresTestSupport
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// What the tests of PostgreSQL's kept sums (schemas 11 and 12) do alike: ingest lines, read a statement's plan, and
/// attack the sums as other logins.
extension PostgresClusterConformanceTests {
    /// Ingests `lines` into `store` through the pipeline, `batchSize` lines per transaction; none may be rejected.
    func ingest(_ lines: [String], into store: PostgresStore, batchSize: Int) async throws {
        let path = try directory.write("lines-\(UUID().uuidString).jsonl", lines.joined(separator: "\n") + "\n")
        let outcome = try await IngestPipeline(batchSize: batchSize).ingest(path: path, into: store)
        XCTAssertEqual(outcome.summary.rejected, 0, "\(outcome.sampleRejections)")
    }

    /// The plan PostgreSQL chooses for `query` with its bound values, as `EXPLAIN` prints it.
    func plan(of query: PostgresQuery, in store: PostgresStore) async throws -> String {
        try await store.withConnection { connection, logger in
            var lines: [String] = []
            for try await line in try await connection.query(PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds),
                                                             logger: logger).decode(String.self) {
                lines.append(line)
            }
            return lines.joined(separator: "\n")
        }
    }

    /// With the roles installed in `database`, a wall (viewer) reads what `sumsQuery` reads as the owner does, and
    /// neither it nor an approver may run any of `statements`; the sums are unchanged after.
    func assertOnlyTheOwnerWrites(_ sumsQuery: String, refusing statements: [String], in database: String,
                                  file: StaticString = #filePath, line: UInt = #line) throws {
        try cluster.psql(PostgresRoles.script, database: database)
        let suffix = database.suffix(8)
        let (wall, approver) = ("wall_\(suffix)", "boss_\(suffix)")
        try cluster.psql("""
            CREATE ROLE \(wall) LOGIN IN ROLE \(PostgresRoles.viewer);
            CREATE ROLE \(approver) LOGIN IN ROLE \(PostgresRoles.approver);
            """, database: database)
        let sums = try cluster.psql(sumsQuery, database: database)
        XCTAssertFalse(sums.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "the data keeps some sums", file: file, line: line)
        XCTAssertEqual(try cluster.psql(sumsQuery, database: database, user: wall), sums, file: file, line: line)
        for statement in statements {
            for login in [wall, approver] {
                do {
                    try cluster.psql(statement, database: database, user: login)
                    XCTFail("\(login) was allowed: \(statement)", file: file, line: line)
                } catch ClusterError.commandFailed(_, _, let output) {
                    XCTAssertTrue(output.contains("permission denied") || output.contains("trigger functions can only be called as triggers"),
                                  output, file: file, line: line)
                }
            }
        }
        XCTAssertEqual(try cluster.psql(sumsQuery, database: database), sums, "nothing was written", file: file, line: line)
    }
}
