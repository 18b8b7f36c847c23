import Foundation
import XCTest

/// `--csv` on the command line's lists: every matching row (not the first page), a header, RFC 4180 quoting,
/// amounts exact, text without control characters.
final class CSVCommandTests: XCTestCase {
    private var directory: URL!
    private var store: String { directory.appendingPathComponent("csv.sqlite").path }
    private let runner = CommandRunner()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try ExportFixture.ingest(into: store, directory: directory, environment: runner.environment)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func csv(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        let result = try runner.run(arguments + ["--csv", "--store", store])
        XCTAssertEqual(result.status, 0, result.standardError, file: file, line: line)
        let unsafe = result.standardOutput.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\r" && $0 != "\n") || (0x7F...0x9F).contains($0.value)
            || $0 == "\u{202E}" }
        XCTAssertEqual(unsafe.count, 0, "control characters in the CSV", file: file, line: line)
        return ExportFixture.records(result.standardOutput, file: file, line: line)
    }

    func testExceptionsListAsCSVHasEveryRowInTheAskedOrderWithExactAmounts() throws {
        let records = try csv(["exceptions", "list", "--kind", "ambiguous_customer_mapping", "--sort", "amount", "--descending"])
        XCTAssertEqual(records.first, ["exception_id", "kind", "severity", "state", "state_label", "raised_at", "subject_system",
                                       "subject_key", "subject_name", "correlation_id", "amount_at_risk", "currency", "assignee",
                                       "version", "last_change_by", "last_change_at", "summary"])
        let rows = records.dropFirst()
        XCTAssertEqual(rows.count, ExportFixture.ambiguous, "every row, beyond the default --limit of 100")
        XCTAssertEqual(rows.map { $0[0] }, (1...ExportFixture.ambiguous).reversed().map { "X\($0)" })
        XCTAssertEqual(rows.first?[10], "12100.25")
        XCTAssertEqual(rows.last?[10], "100.25")
        XCTAssertTrue(rows.allSatisfy { $0.count == 17 && $0[11] == "EUR" && $0[12] == "" })

        let limited = try csv(["exceptions", "list", "--limit", "3"])
        XCTAssertEqual(limited.count, 4)
    }

    func testHostileTextIsQuotedAndSanitised() throws {
        let records = try csv(["exceptions", "list", "--kind", "posting_failed", "--filter", "XH"])
        XCTAssertEqual(records.count, 2)
        let row = try XCTUnwrap(records.last)
        XCTAssertEqual(row[0], "XH")
        XCTAssertEqual(row[10], "1234567.89")
        XCTAssertEqual(row[16], #"say "hi", then  new line  [2J evil"#)
    }

    func testOtherListsAsCSV() throws {
        let requests = try csv(["reprocess", "list"])
        XCTAssertEqual(requests.first?.prefix(3), ["request_id", "exception_id", "status"])
        XCTAssertEqual(requests.count, 2)
        XCTAssertEqual(requests.last?[1], "P1")

        let audit = try csv(["audit", "list"])
        XCTAssertEqual(audit.first, ["sequence", "occurred_at", "source", "type", "event_id", "correlation_id", "description"])
        XCTAssertEqual(audit.count, 1 + ExportFixture.ambiguous + 11 + 2, "every raise, the claim and the reprocess request")

        let rejected = try csv(["rejected", "list"])
        XCTAssertEqual(rejected.first, ["source", "line", "reason", "raw"])
        XCTAssertEqual(rejected.count, 2)
        XCTAssertEqual(rejected.last?[1], String(ExportFixture.ambiguous + 13))

        let trace = try csv(["trace", "C-9"])
        XCTAssertEqual(trace.first, ["occurred_at", "source", "type", "event_id", "detail"])
        XCTAssertEqual(trace.count, 1 + ExportFixture.ambiguous + 11 + 2, "every raise, the claim and the reprocess request")
    }

    func testCSVAndJSONTogetherIsAUsageError() throws {
        for command in [["exceptions", "list"], ["reprocess", "list"], ["audit", "list"], ["rejected", "list"], ["trace", "C-9"]] {
            let result = try runner.run(command + ["--csv", "--json", "--store", store])
            XCTAssertEqual(result.status, 64, "\(command): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("give --json or --csv, not both"), result.standardError)
        }
    }
}
