import Foundation
import PostgresTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `signalbox serve` as middleware and Prometheus use it: a real server on a free loopback port, a real SQLite store.
final class ServeCommandTests: XCTestCase {
    var directory: URL!
    let runner = CommandRunner()
    static let allSources = ["CRM", "CLM", "PSA", "ERP", "BILLING", "HCM", "MIDDLEWARE"]
    static let asOf = "2026-11-23T12:00:00Z"

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The demo's 6,837 events, and two bad lines.
    static func demoLines() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("demo-data/events.jsonl"), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        lines.insert("not json", at: 10)
        lines.insert(#"{"event_id":"x-1","type":"contract.approved"}"#, at: 2000)
        return lines
    }

    private func run(_ arguments: [String], status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try runner.run(arguments)
        XCTAssertEqual(result.status, status, "\(arguments.joined(separator: " ")): \(result.standardError)", file: file, line: line)
        return result.standardOutput
    }

    /// The events' payloads in arrival order and the rejected lines' text and reason (their input's name and line
    /// number differ between a file and its HTTP batches): what a store holds.
    static func contents(of store: String) throws -> String {
        try sqliteShell(store, "SELECT payload FROM events ORDER BY seq; SELECT raw_text, reason FROM rejected_lines ORDER BY id;")
    }


    func testHTTPIngestInBatchesStoresWhatFileIngestStoresAndRetriesAreDuplicates() throws {
        let lines = try Self.demoLines()
        try (lines.joined(separator: "\n") + "\n").write(toFile: path("events.jsonl"), atomically: true, encoding: .utf8)
        _ = try run(["ingest", "--store", path("file.sqlite"), path("events.jsonl")], status: 65)

        let server = try ServeProcess(store: path("http.sqlite"), directory: directory, tokens: ["relay": Self.allSources])
        var lineNumber = 0
        var offset = 0
        for size in [1, 99, 900, 10_000] where offset < lines.count {
            let batch = Array(lines[offset..<min(offset + size, lines.count)])
            let response = try server.post(batch, token: "relay")
            let rejectedHere = batch.indices.filter { batch[$0] == "not json" || batch[$0].hasPrefix(#"{"event_id":"x-1""#) }
            XCTAssertEqual(response.status, rejectedHere.isEmpty ? 200 : 422, response.text)
            let document = try response.json()
            let accepted = try XCTUnwrap(document["accepted"] as? Int), duplicates = try XCTUnwrap(document["duplicates"] as? Int)
            XCTAssertEqual(accepted + duplicates, batch.count - rejectedHere.count, response.text)
            XCTAssertEqual(document["rejected"] as? Int, rejectedHere.count, response.text)
            let listed = (document["rejected_lines"] as? [[String: Any]] ?? []).compactMap { $0["line"] as? Int }
            XCTAssertEqual(listed, rejectedHere.map { $0 + 1 }, response.text)
            // The retry after a lost response: every event a duplicate, the rejected lines not kept twice.
            let retry = try server.post(batch, token: "relay")
            XCTAssertEqual(try retry.json()["duplicates"] as? Int, accepted + duplicates, retry.text)
            XCTAssertEqual(try retry.json()["accepted"] as? Int, 0, retry.text)
            offset += size
            lineNumber += batch.count
        }
        XCTAssertEqual(lineNumber, lines.count)
        XCTAssertEqual(try server.terminate(), 0, server.printedErrors)

        XCTAssertEqual(try Self.contents(of: path("http.sqlite")), try Self.contents(of: path("file.sqlite")))
        let signals = ["signals", "--json", "--as-of", Self.asOf]
        XCTAssertEqual(try run(signals + ["--store", path("http.sqlite")]), try run(signals + ["--store", path("file.sqlite")]))
        XCTAssertEqual(try run(["rejected", "list", "--store", path("http.sqlite")]).components(separatedBy: "\n").count,
                       try run(["rejected", "list", "--store", path("file.sqlite")]).components(separatedBy: "\n").count)
    }

    func testStatusCodesTokensAndTheBodyLimit() throws {
        let store = path("store.sqlite")
        let server = try ServeProcess(store: store, directory: directory, tokens: ["psa": ["PSA"], "clm": ["CLM"]],
                                      arguments: ["--body-limit", "4096"])
        let lines = ConsoleDemoEvents.lines
        let psaEvent = lines[2], clmEvent = lines[0], erpEvent = lines[3]

        XCTAssertEqual(try server.post([psaEvent], token: nil).status, 401)
        XCTAssertEqual(try server.post([psaEvent], token: "not-a-token").status, 401)
        let refused = try server.post([psaEvent, erpEvent], token: "psa")
        XCTAssertEqual(refused.status, 403, refused.text)
        XCTAssertTrue(refused.text.contains("PSA events only"), refused.text)
        XCTAssertEqual(try server.post([clmEvent], token: "psa").status, 403)
        XCTAssertEqual(try Self.contents(of: store), "", "a refused request stores nothing")

        let stored = try server.post([psaEvent], token: "psa")
        XCTAssertEqual(stored.status, 200, stored.text)
        XCTAssertEqual(try stored.json()["accepted"] as? Int, 1)
        let single = try server.post([clmEvent.replacingOccurrences(of: ",", with: ",\n  ")], token: "clm", contentType: "application/json")
        XCTAssertEqual(single.status, 200, single.text)

        let console = clmEvent.replacingOccurrences(of: #""source":"CLM""#, with: #""source":"CONSOLE""#)
            .replacingOccurrences(of: #""event_id":"a1""#, with: #""event_id":"c1""#)
        let partly = try server.post([psaEvent.replacingOccurrences(of: "\"a3\"", with: "\"a3b\""), "{broken", console], token: "psa")
        XCTAssertEqual(partly.status, 422, partly.text)
        let document = try partly.json()
        XCTAssertEqual(document["accepted"] as? Int, 1)
        XCTAssertEqual(document["rejected"] as? Int, 2)
        let reasons = (document["rejected_lines"] as? [[String: Any]] ?? []).map { "\($0["line"] ?? ""): \($0["reason"] ?? "")" }
        XCTAssertEqual(reasons.count, 2, partly.text)
        XCTAssertTrue(reasons[0].hasPrefix("2: invalid JSON"), partly.text)
        XCTAssertTrue(reasons[1].hasPrefix("3: console actions are recorded by signalbox"), partly.text)

        let big = Array(repeating: psaEvent, count: 40)
        let tooLarge = try server.post(big, token: "psa")
        XCTAssertEqual(tooLarge.status, 413, tooLarge.text)
        XCTAssertEqual(try server.post(["{}"], token: "psa", contentType: "text/csv").status, 415)

        XCTAssertEqual(try server.http.request("GET", "/healthz").status, 200)
        XCTAssertEqual(try server.http.request("GET", "/readyz").status, 200)
        let signals = try server.http.request("GET", "/v1/signals?as_of=\(Self.asOf)&window=30d")
        XCTAssertEqual(signals.text, try run(["signals", "--json", "--as-of", Self.asOf, "--window", "30d", "--store", store]))
        XCTAssertEqual(try server.http.request("GET", "/v1/signals?window=soon").status, 400)
        XCTAssertEqual(try server.terminate(), 0)

        XCTAssertEqual(try sqliteShell(store, "SELECT event_id FROM events ORDER BY seq"), "a3\na1\na3b\n")
        XCTAssertEqual(try sqliteShell(store, "SELECT count(*) FROM rejected_lines"), "2\n")
    }

    func testEventsThatBreakTheExceptionRulesAreListedWithTheirLineAndRule() throws {
        let server = try ServeProcess(store: path("store.sqlite"), directory: directory, tokens: ["mw": ["MIDDLEWARE"]])
        let dismissal = #"{"event_id":"d1","type":"exception.dismissed","occurred_at":"2026-10-30T09:00:00Z","source":"MIDDLEWARE","correlation_id":"C-1","data":{"exception_id":"X-1","by":"cfo","reason":"fine"}}"#
        let response = try server.post([ConsoleDemoEvents.lines[4], dismissal, "oops"], token: "mw")
        XCTAssertEqual(response.status, 422, response.text)
        let listed = try XCTUnwrap(try response.json()["rejected_lines"] as? [[String: Any]], response.text)
        XCTAssertEqual(listed.compactMap { $0["line"] as? Int }, [2, 3], response.text)
        XCTAssertTrue((listed.first?["reason"] as? String ?? "").contains("may not dismiss"), response.text)
        XCTAssertEqual(try server.terminate(), 0)
    }

    func testAccessLogGoesToTheLogFileWithTheRequestIDAndNeverTheToken() throws {
        let server = try ServeProcess(store: path("store.sqlite"), directory: directory, tokens: ["psa": ["PSA"]])
        let response = try server.post([ConsoleDemoEvents.lines[2]], token: "psa", headers: ["X-Request-Id": "relay-42"])
        XCTAssertEqual(response.headers["x-request-id"], "relay-42")
        let generated = try server.http.request("GET", "/healthz").headers["x-request-id"] ?? ""
        XCTAssertEqual(generated.count, 16, "a fresh id when the client sends none")
        let hostile = try server.http.request("GET", "/healthz", headers: ["X-Request-Id": "bad id <script>"]).headers["x-request-id"] ?? ""
        XCTAssertEqual(hostile.count, 16, "an id with spaces or control characters is replaced")
        XCTAssertEqual(try server.terminate(), 0)

        let log = try String(contentsOfFile: server.logFile, encoding: .utf8)
        XCTAssertTrue(log.contains("request_id=relay-42") && log.contains("path=/v1/events") && log.contains("status=200"), log)
        XCTAssertTrue(log.contains("request_id=\(generated)"), log)
        XCTAssertFalse(log.contains(try XCTUnwrap(server.tokens["psa"])), "the token never reaches the log")
        XCTAssertEqual(server.printedOutput.split(separator: "\n").count, 1, "only the listening line on standard output: \(server.printedOutput)")
    }

    /// SIGTERM while a request is half-sent: the server stops accepting connections, lets that request finish (its
    /// events are stored and it is answered), then exits 0.
    func testSIGTERMDrainsTheRequestInFlightThenExits() throws {
        let store = path("store.sqlite")
        let server = try ServeProcess(store: store, directory: directory, tokens: ["all": Self.allSources])
        let body = Data((ConsoleDemoEvents.lines.joined(separator: "\n") + "\n").utf8)
        let connection = try LoopbackHTTP.Connection(port: server.port)
        defer { connection.close() }
        try connection.send(LoopbackHTTP.head("POST", "/v1/events", headers: [
            "Authorization": "Bearer \(try XCTUnwrap(server.tokens["all"]))", "Content-Type": "application/x-ndjson",
        ], contentLength: body.count) + body.prefix(100))
        // Once the server has read that request's head, it counts as in flight (with the /metrics request itself).
        var inFlight = 0.0
        let started = Date().addingTimeInterval(30)
        while inFlight < 2, Date() < started {
            let metrics = try server.http.request("GET", "/metrics").text
            inFlight = metrics.split(separator: "\n").first { $0.hasPrefix("signalbox_http_requests_in_flight ") }
                .flatMap { Double($0.split(separator: " ")[1]) } ?? 0
        }
        XCTAssertEqual(inFlight, 2)

        kill(server.process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(30)
        var refused = false
        while !refused, Date() < deadline {
            do { try LoopbackHTTP.Connection(port: server.port).close() } catch { refused = true }
        }
        XCTAssertTrue(refused, "the listener closes on SIGTERM")
        XCTAssertTrue(server.process.isRunning, "the server waits for the request in flight")

        try connection.send(body.dropFirst(100))
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(try response.json()["accepted"] as? Int, ConsoleDemoEvents.lines.count)
        XCTAssertEqual(try server.terminate(), 0, server.printedErrors)
        XCTAssertEqual(try sqliteShell(store, "SELECT count(*) FROM events"), "\(ConsoleDemoEvents.lines.count)\n")
        let log = try String(contentsOfFile: server.logFile, encoding: .utf8)
        XCTAssertTrue(log.contains("stopped: every request in flight was answered"), log)
    }

    /// HTTPS with `--tls-cert/--tls-key`, checked by curl against the CA that signed the certificate.
    func testTLSServesHTTPSWithTheGivenCertificate() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let server = try ServeProcess(store: path("store.sqlite"), directory: directory, tokens: ["psa": ["PSA"]],
                                      arguments: ["--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey])
        XCTAssertTrue(server.printedOutput.contains("listening on https://127.0.0.1:\(server.port)"), server.printedOutput)
        let body = path("event.jsonl")
        try (ConsoleDemoEvents.lines[2] + "\n").write(toFile: body, atomically: true, encoding: .utf8)
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-sS", "--cacert", certificates.caCertificate, "--resolve", "localhost:\(server.port):127.0.0.1",
                          "-H", "Authorization: Bearer \(try XCTUnwrap(server.tokens["psa"]))", "-H", "Content-Type: application/x-ndjson",
                          "--data-binary", "@" + body, "-w", "\n%{http_code}", "https://localhost:\(server.port)/v1/events"]
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        XCTAssertEqual(curl.terminationStatus, 0, printed)
        XCTAssertTrue(printed.hasSuffix("\n200") && printed.contains(#""accepted":1"#), printed)
        XCTAssertThrowsError(try server.http.request("GET", "/healthz"), "plain HTTP gets no answer from the TLS port")
        XCTAssertEqual(try server.terminate(), 0)
    }

    func testNonLoopbackListenNeedsTLSOrInsecureListen() throws {
        let tokens = path("tokens.yaml")
        try "[]\n".write(toFile: tokens, atomically: true, encoding: .utf8)
        let refused = try runner.run(["serve", "--store", path("s.sqlite"), "--tokens", tokens, "--listen", "0.0.0.0:0"])
        XCTAssertEqual(refused.status, 78)
        XCTAssertTrue(refused.standardError.contains("--tls-cert and --tls-key, or --insecure-listen"), refused.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("s.sqlite")), "nothing is created before the settings are valid")
        let badTokens = path("bad.yaml")
        try "- {name: psa, sha256: abc, sources: [PSA]}\n".write(toFile: badTokens, atomically: true, encoding: .utf8)
        let bad = try runner.run(["serve", "--store", path("s.sqlite"), "--tokens", badTokens])
        XCTAssertEqual(bad.status, 78)
        XCTAssertTrue(bad.standardError.contains("entry 1 (psa): field sha256"), bad.standardError)
        let console = try runner.run(["serve", "--new-token", "ops", "--sources", "CONSOLE"])
        XCTAssertEqual(console.status, 78)
        XCTAssertTrue(console.standardError.contains("never accepted over HTTP"), console.standardError)
    }
}
