import Foundation
import XCTest

/// `signalbox trace` prints one line per event with its exact instant; the sources and details line up whether or not
/// an instant has a fraction of a second, so that a support engineer reads the columns down.
final class TraceCommandTests: XCTestCase {
    func testInstantsWithAndWithoutAFractionLineUp() throws {
        let lines = [
            #"{"event_id":"p1","type":"project.provisioned","occurred_at":"2026-11-01T09:00:00Z","source":"PSA","correlation_id":"C-T","data":{"contract_id":"C-T","project_id":"P-T"}}"#,
            #"{"event_id":"b1","type":"billing_schedule.created","occurred_at":"2026-11-01T09:30:00.125Z","source":"ERP","correlation_id":"C-T","data":{"contract_id":"C-T","schedule_id":"BS-T"}}"#,
        ]
        let file = NSTemporaryDirectory() + "trace-\(UUID().uuidString).jsonl", store = file + ".sqlite"
        defer {
            let stores = ["", "-wal", "-shm", "-time", "-time-wal", "-time-shm"].map { store + $0 }
            for path in [file] + stores { try? FileManager.default.removeItem(atPath: path) }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let runner = CommandRunner()
        let ingest = try runner.run(["ingest", "--store", store, file])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)

        let trace = try runner.run(["trace", "--store", store, "C-T"])
        XCTAssertEqual(trace.status, 0, trace.standardError)
        let printed = trace.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(printed, ["  2026-11-01T09:00:00Z      PSA        project P-T provisioned",
                                 "  2026-11-01T09:30:00.125Z  ERP        billing schedule BS-T created"], trace.standardOutput)
    }
}
