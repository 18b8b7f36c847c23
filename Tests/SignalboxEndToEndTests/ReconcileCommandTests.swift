import Foundation
import XCTest

/// `signalbox reconcile CONTROL`: the rows behind each §10 control, from a real SQLite store and from the reference,
/// adding up to `signals --json`.
final class ReconcileCommandTests: XCTestCase {
    var directory: URL!
    let runner = CommandRunner()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-reconcile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func sqliteStore() throws -> String {
        let store = directory.appendingPathComponent("store.sqlite").path
        let result = try runner.run(["ingest", "--store", store, try ReconciliationEvents.write(in: directory)])
        XCTAssertEqual(result.status, 0, result.standardError)
        return store
    }

    func testTheReferencesRowsAddUpToItsSignalForEveryControl() throws {
        try ReconciliationSums(runner: runner, source: ["--from-events", try ReconciliationEvents.write(in: directory)]).assertRowsAddUpToTheSignal()
    }

    func testTheStoresRowsAddUpToItsSignalForEveryControl() throws {
        let sums = ReconciliationSums(runner: runner, source: ["--store", try sqliteStore()])
        try sums.assertRowsAddUpToTheSignal()
        let reference = ReconciliationSums(runner: runner, source: ["--from-events", try ReconciliationEvents.write(in: directory)])
        XCTAssertEqual(try sums.figuresFromRows(), try reference.figuresFromRows(), "the store lists what the reference lists")
    }

    /// The table fits 80 columns, largest first, exact amounts; the rate-leakage row names the amendment the PSA
    /// never applied.
    func testTheTableIsLargestFirstExactAndNamesTheMissingAmendment() throws {
        let store = try sqliteStore()
        let table = try runner.run(["reconcile", "rate-leakage", "--store", store, "--as-of", ReconciliationEvents.asOf])
        XCTAssertEqual(table.status, 0, table.standardError)
        let lines = table.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 80 }, table.standardOutput)
        guard lines.count == 4 else { return XCTFail("a heading and three rows: \(table.standardOutput)") }
        XCTAssertTrue(lines[1].hasPrefix("TE-1 ") && lines[1].contains("under") && lines[1].contains("USD 80.00")
                      && lines[1].contains("v2 2026-11-10 · PSA pending"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("TE-2 ") && lines[2].contains("USD 22.8375") && lines[2].contains("v1 approval"), lines[2])
        XCTAssertTrue(lines[3].hasPrefix("TE-3 ") && lines[3].contains("unpriced"), lines[3])

        let csv = try runner.run(["reconcile", "billing-mismatch", "--csv", "--store", store, "--as-of", ReconciliationEvents.asOf])
        XCTAssertEqual(csv.standardOutput, "invoice_id,time_entry_id,contract_id,posted_at,billed,approved_amount,approved_currency,direction,currency,amount\r\n"
            + "INV-1,TE-9,C-1,2026-11-15T10:00:00Z,60.00,,,unapproved,USD,60.00\r\n"
            + "INV-1,TE-1,C-1,2026-11-15T10:00:00Z,850.00,800.00,USD,over,USD,50.00\r\n"
            + "INV-2,TE-2,C-1,2026-11-16T10:00:00Z,280.00,292.84,USD,under,USD,12.84\r\n", csv.standardError)
    }

    /// `signals` without `--json` ends with §10: each control's money per currency and direction.
    func testTheReadableSignalsNameEachControlsMoney() throws {
        let result = try runner.run(["signals", "--store", try sqliteStore(), "--as-of", ReconciliationEvents.asOf])
        XCTAssertEqual(result.status, 0, result.standardError)
        for line in ["rate-leakage: USD under 80.00, over 22.84", "billing-mismatch: USD under 12.84, over 50.00, unapproved 60.00",
                     "double-billed: USD over 400.00", "unbilled-milestones: EUR under 2,000.00", "over-contract-value: EUR over 500.00"] {
            XCTAssertTrue(result.standardOutput.contains(line), "\(line) in\n\(result.standardOutput)")
        }
    }

    func testAnUnknownControlIsAUsageErrorListingTheFive() throws {
        let result = try runner.run(["reconcile", "leakage", "--store", try sqliteStore()])
        XCTAssertEqual(result.status, 64)
        for control in ["rate-leakage", "billing-mismatch", "double-billed", "unbilled-milestones", "over-contract-value"] {
            XCTAssertTrue(result.standardError.contains("'\(control)'"), result.standardError)
        }
        XCTAssertEqual(try runner.run(["reconcile", "double-billed", "--json", "--csv"]).status, 64)
    }

    /// Store text in a row reaches the terminal sanitised: no escape sequence from an invoice id.
    func testHostileIdsAreSanitised() throws {
        let hostile = ReconciliationEvents.lines.map { $0.replacingOccurrences(of: "\"INV-1\"", with: #""INV-\u001b[31mRED""#) }
        let path = directory.appendingPathComponent("hostile.jsonl").path
        try (hostile.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        for format in [[], ["--json"], ["--csv"]] {
            let result = try runner.run(["reconcile", "billing-mismatch", "--from-events", path, "--as-of", ReconciliationEvents.asOf] + format)
            XCTAssertEqual(result.status, 0, result.standardError)
            XCTAssertFalse(result.standardOutput.contains("\u{1B}"), "\(format): \(result.standardOutput)")
            XCTAssertTrue(result.standardOutput.contains("INV-"), result.standardOutput)
        }
    }
}
