import Foundation
import PostgresTestSupport
import XCTest

/// `signalbox publish` as people would run it: the owner publishes, a viewer's login may not, a SQLite store is told
/// what the command is for.
final class PublishCommandTests: CommandClusterTestCase {
    private let runner = CommandRunner()

    func testTheOwnerPublishesAViewerMayNotAndSQLiteIsToldWhy() throws {
        let cluster = try self.cluster
        let database = "pub_\(UUID().uuidString.prefix(8).lowercased())"
        let url = try cluster.createDatabase(database)
        let events = FileManager.default.temporaryDirectory.appendingPathComponent("publish-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: events) }
        try (ConsoleDemoEvents.lines.joined(separator: "\n") + "\n").write(to: events, atomically: true, encoding: .utf8)
        XCTAssertEqual(try runner.run(["ingest", events.path, "--store", url]).status, 0)
        try cluster.psql(try runner.run(["roles"]).standardOutput, database: database)
        try cluster.psql("CREATE ROLE wall_\(database) LOGIN IN ROLE signalbox_viewer", database: database)

        let published = try runner.run(["publish", "--once", "--store", url])
        XCTAssertEqual(published.status, 0, published.standardError)
        XCTAssertTrue(published.standardOutput.hasPrefix("published the figures over 7d as of "), published.standardOutput)
        let rows = try cluster.psql("SELECT window_us, length(document) > 1000 FROM published_signals", database: database)
        XCTAssertTrue(rows.contains("604800000000|t"), rows)

        let viewer = try runner.run(["publish", "--once", "--store", cluster.url(database: database, user: "wall_\(database)")])
        XCTAssertEqual(viewer.status, 77, viewer.standardError)
        XCTAssertTrue(viewer.standardError.contains("the database role \"wall_\(database)\" is not allowed"), viewer.standardError)

        let sqlite = try runner.run(["publish", "--once", "--store", "/tmp/not-a-postgres-store.sqlite"])
        XCTAssertEqual(sqlite.status, 78)
        XCTAssertTrue(sqlite.standardError.contains("publish is for a PostgreSQL store"), sqlite.standardError)
    }
}
