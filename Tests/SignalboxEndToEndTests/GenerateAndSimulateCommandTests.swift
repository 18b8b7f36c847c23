import Foundation
import XCTest

/// `generate` and `simulate` as a user runs them.
final class GenerateAndSimulateCommandTests: XCTestCase {
    private var directory: URL!
    private let runner = CommandRunner()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-gen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The same seed writes the same file, every line of which ingests cleanly; another seed writes another.
    func testGenerateWritesADeterministicFileThatIngestsCleanly() throws {
        let arguments = ["generate", "--seed", "7", "--contracts", "20", "--from", "2026-10-01", "--to", "2026-10-31"]
        let first = try runner.run(arguments + ["--output", path("a.jsonl")])
        XCTAssertEqual(first.status, 0, first.standardError)
        let written = try String(contentsOfFile: path("a.jsonl"), encoding: .utf8)
        let count = written.split(separator: "\n").count
        XCTAssertGreaterThan(count, 20, "at least an approval per contract")
        XCTAssertEqual(first.standardError, "signalbox generate: wrote \(count) events to \(path("a.jsonl"))\n")

        let toStandardOutput = try runner.run(arguments)
        XCTAssertEqual(toStandardOutput.status, 0, toStandardOutput.standardError)
        XCTAssertEqual(toStandardOutput.standardOutput, written, "the same seed writes the same events")
        let otherSeed = try runner.run(["generate", "--seed", "8", "--contracts", "20", "--from", "2026-10-01", "--to", "2026-10-31"])
        XCTAssertNotEqual(otherSeed.standardOutput, written)

        let ingest = try runner.run(["ingest", "--store", path("store.sqlite"), path("a.jsonl")])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)
        // The generator delivers some events twice, as integration layers do.
        let summary = try XCTUnwrap(ingest.standardOutput.firstMatch(of: /accepted (\d+), duplicates (\d+), rejected 0\n/), ingest.standardOutput)
        XCTAssertEqual((Int(summary.1) ?? 0) + (Int(summary.2) ?? 0), count, "every line is an event")

        let bad = try runner.run(["generate", "--seed", "7", "--contracts", "20", "--from", "2026-13-01", "--to", "2026-10-31"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.standardError.contains("--from"), "the error names the option: \(bad.standardError)")
    }

    /// The readable report groups thousands in its counts, and they are the JSON's numbers.
    func testTheReadableReportGroupsThousandsOfTheJSONsCounts() throws {
        let generate = try runner.run(["generate", "--seed", "7", "--contracts", "300", "--from", "2026-10-01", "--to", "2026-10-31",
                                       "--output", path("b.jsonl")])
        XCTAssertEqual(generate.status, 0, generate.standardError)
        XCTAssertEqual(try runner.run(["ingest", "--store", path("b.sqlite"), path("b.jsonl")]).status, 0)
        let window = ["--store", path("b.sqlite"), "--as-of", "2026-10-31T00:00:00Z", "--window", "30d", "--only", "throughput"]
        let json = try runner.run(["signals", "--json"] + window)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let events = try XCTUnwrap((document["throughput"] as? [String: Any])?["events"] as? Int)
        XCTAssertGreaterThanOrEqual(events, 1000, "the test needs a count with thousands")
        let grouped = String(events / 1000) + "," + String(String(events % 1000 + 1000).dropFirst())
        let readable = try runner.run(["signals"] + window)
        XCTAssertTrue(readable.standardOutput.contains("Throughput          \(grouped) events: "), readable.standardOutput)
    }

    /// `simulate` for a bounded wall time writes events into the store and exits by itself.
    func testSimulateWritesEventsAndStopsAfterItsDuration() throws {
        let store = path("sim.sqlite")
        let simulated = try runner.run(["simulate", "--store", store, "--duration", "2s", "--speed", "3600x", "--rate", "500"])
        XCTAssertEqual(simulated.status, 0, simulated.standardError)
        let trace = try runner.run(["signals", "--store", store, "--json"])
        XCTAssertEqual(trace.status, 0, trace.standardError)
        let rejected = try runner.run(["rejected", "list", "--store", store])
        XCTAssertEqual(rejected.standardOutput, "", "every simulated event is valid")
        let audit = try runner.run(["exceptions", "list", "--all", "--store", store, "--json"])
        XCTAssertEqual(audit.status, 0, audit.standardError)
        let dump = try StoreDump(path: store)
        XCTAssertFalse(dump.events.isEmpty, "the simulator wrote events")
    }
}
