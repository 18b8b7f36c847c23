import Foundation
import PostgresTestSupport
import XCTest

/// `signalbox serve` on a PostgreSQL store (a throwaway cluster): HTTP ingest equals file ingest, `/metrics` equals
/// `signals --json`, two servers behind one load balancer never double-count, and an outage answers 503.
final class ServePostgresTests: CommandClusterTestCase {
    private var directory: URL!
    private let runner = CommandRunner()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-serve-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    /// A new database: the cluster, its name and its URL.
    private func database() throws -> (cluster: PostgresTestCluster, name: String, url: String) {
        let cluster = try self.cluster
        let name = "serve_\(UUID().uuidString.prefix(8).lowercased())"
        return (cluster, name, try cluster.createDatabase(name))
    }

    func testTwoServersIngestLikeTheFileAndMetricsEqualSignals() throws {
        let url = try database().url
        let lines = try ServeCommandTests.demoLines()
        let file = directory.appendingPathComponent("events.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let sqlite = directory.appendingPathComponent("file.sqlite").path
        XCTAssertEqual(try runner.run(["ingest", "--store", sqlite, file]).status, 65)

        let tokens = ["relay": ServeCommandTests.allSources]
        let first = try ServeProcess(store: url, directory: directory, tokens: tokens, arguments: ["--window", "120d"])
        let second = try ServeProcess(store: url, directory: directory, tokens: tokens, arguments: ["--window", "120d"])
        // Each batch goes to both servers at once, as a client retrying through a load balancer would send it.
        var accepted = 0, duplicates = 0
        for range in stride(from: 0, to: lines.count, by: 2_000).map({ $0..<min($0 + 2_000, lines.count) }) {
            let batch = Array(lines[range])
            let responses = try [first, second].map { try $0.post(batch, token: "relay") }
            for response in responses {
                XCTAssertTrue([200, 422].contains(response.status), response.text)
                accepted += try XCTUnwrap(try response.json()["accepted"] as? Int)
                duplicates += try XCTUnwrap(try response.json()["duplicates"] as? Int)
            }
        }
        let fileEvents = try sqliteShell(sqlite, "SELECT count(*) FROM events")
        XCTAssertEqual("\(accepted)\n", fileEvents, "every event stored once across both servers")
        XCTAssertEqual(accepted + duplicates, 2 * (lines.count - 2))

        let signals = ["signals", "--json", "--as-of", ServeCommandTests.asOf, "--window", "120d"]
        XCTAssertEqual(try runner.run(signals + ["--store", url]).standardOutput, try runner.run(signals + ["--store", sqlite]).standardOutput)
        for server in [first, second] {
            let metrics = try ServeMetricsTests.parse(try server.http.request("GET", "/metrics").text)
            try ServeMetricsTests.assertMetricsEqualSignals(metrics, store: url, window: "120d", runner: runner)
            XCTAssertEqual(try server.terminate(), 0, server.printedErrors)
        }
    }

    func testAnOutageAnswers503WithRetryAfterAndNothingIsHalfWritten() throws {
        let (cluster, name, url) = try database()
        let server = try ServeProcess(store: url, directory: directory, tokens: ["psa": ["PSA"]])
        let event = ConsoleDemoEvents.lines[2]
        XCTAssertEqual(try server.post([event], token: "psa").status, 200)

        try cluster.stopServer()
        let during = try server.post([event.replacingOccurrences(of: "\"a3\"", with: "\"a3-outage\"")], token: "psa")
        XCTAssertEqual(during.status, 503, during.text)
        XCTAssertEqual(during.headers["retry-after"], "5")
        XCTAssertTrue(during.text.contains("nothing was stored"), during.text)
        let ready = try server.http.request("GET", "/readyz")
        XCTAssertEqual(ready.status, 503, ready.text)
        XCTAssertEqual(try server.http.request("GET", "/healthz").status, 200, "the process itself is up")

        try cluster.restartServer()
        var retried = during
        let deadline = Date().addingTimeInterval(60)
        while retried.status == 503, Date() < deadline {
            retried = try server.post([event.replacingOccurrences(of: "\"a3\"", with: "\"a3-outage\"")], token: "psa")
        }
        XCTAssertEqual(retried.status, 200, retried.text)
        XCTAssertEqual(try retried.json()["accepted"] as? Int, 1)
        var readyAgain = try server.http.request("GET", "/readyz")
        while readyAgain.status != 200, Date() < deadline { readyAgain = try server.http.request("GET", "/readyz") }
        XCTAssertEqual(readyAgain.status, 200, "ready once the store's change feed is back: \(readyAgain.text)")
        XCTAssertEqual(try server.terminate(), 0, server.printedErrors)
        let count = try cluster.psql("SELECT count(*) FROM events", database: name)
        XCTAssertEqual(count.trimmingCharacters(in: .whitespacesAndNewlines), "2")
    }
}
