import Foundation
import XCTest

/// `signalbox trace` prints one line per event with its exact instant; the sources and details line up whether or not
/// an instant has a fraction of a second, so that a support engineer reads the columns down.
final class TraceCommandTests: XCTestCase {
    private var directory: URL!
    private var store: String { directory.appendingPathComponent("trace.sqlite").path }
    private let runner = CommandRunner()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(at: directory) }

    func testInstantsWithAndWithoutAFractionLineUp() throws {
        let lines = [
            #"{"event_id":"p1","type":"project.provisioned","occurred_at":"2026-11-01T09:00:00Z","source":"PSA","correlation_id":"C-T","data":{"contract_id":"C-T","project_id":"P-T"}}"#,
            #"{"event_id":"b1","type":"billing_schedule.created","occurred_at":"2026-11-01T09:30:00.125Z","source":"ERP","correlation_id":"C-T","data":{"contract_id":"C-T","schedule_id":"BS-T"}}"#,
        ]
        let file = directory.appendingPathComponent("trace.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let ingest = try runner.run(["ingest", "--store", store, file])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)

        let trace = try runner.run(["trace", "--store", store, "C-T"])
        XCTAssertEqual(trace.status, 0, trace.standardError)
        let printed = trace.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(printed, ["  2026-11-01T09:00:00Z      PSA        project P-T provisioned",
                                 "  2026-11-01T09:30:00.125Z  ERP        billing schedule BS-T created"], trace.standardOutput)
    }
}
