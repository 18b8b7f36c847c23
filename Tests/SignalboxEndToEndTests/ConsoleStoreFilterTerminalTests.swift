import Foundation
import XCTest

/// A drill-down longer than one read (520 pending contracts, 500 loaded) in a real terminal at 80×24: `/` and an id
/// that was not among the rows loaded finds it in the store, the header counts the matches among all of them,
/// `:export` writes every matching row, and Esc returns to the whole list.
final class ConsoleStoreFilterTerminalTests: XCTestCase {
    private static let contracts = 520
    private var directory: URL!
    private var store: String { directory.appendingPathComponent("contracts.sqlite").path }

    override func setUpWithError() throws {
        try ConsoleTmuxSession.requireTmux()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-store-filter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let lines = (1...Self.contracts).map { index in
            Self.approved(String(format: "CTR-%04d", index), customer: index % 10 == 0 ? "Initech" : "Acme", minute: index)
        }
        let file = directory.appendingPathComponent("contracts.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let ingest = try CommandRunner(environment: environment).run(["ingest", "--store", store, file])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private var environment: [String: String] { ConsoleTmuxSession.environment(home: directory) }

    /// A `contract.approved` line, `minute` minutes after 2026-11-01T08:00Z: the list's oldest-first order is id order.
    private static func approved(_ id: String, customer: String, minute: Int) -> String {
        let time = String(format: "2026-11-%02dT%02d:%02d:00Z", 1 + minute / 1440, minute / 60 % 24, minute % 60)
        return #"{"event_id":"ev-\#(id)","type":"contract.approved","occurred_at":"\#(time)","source":"CLM","correlation_id":"\#(id)","data":{"contract_id":"\#(id)","customer":{"system":"CRM","key":"K-\#(customer)","name":"\#(customer)"},"legal_entity":"US01","currency":"USD","billing_model":"retainer","total_value":"5000","rate_card":[{"role":"Dev","rate":"120.50"}],"start_date":"2026-11-01","end_date":"2027-10-31"}}"#
    }

    func testAFilterFindsAContractThatWasNotAmongTheRowsLoaded() throws {
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: environment)
        try session.type("cd \(directory.path) && \(CommandRunner.executable) console --store \(store) --refresh 1", enter: true)
        try session.waitFor("Activation")
        try session.press("Enter")
        try session.waitFor("500 of 520")
        XCTAssertFalse(try session.screen().contains("CTR-0517"))

        try session.type("/CTR-0517")
        try session.waitFor("Enter searches all")
        try session.press("Enter")
        let found = try session.waitFor("1 of 1 matching · 520 in all")
        XCTAssertTrue(found.contains("CTR-0517"), found)

        // A filter matching rows on both sides of the 500th: all 52 are found, and all 52 exported.
        try session.press("Escape")
        try session.waitFor("500 of 520")
        try session.type("/initech")
        try session.press("Enter")
        try session.waitFor("52 of 52 matching · 520 in all")
        try session.type(":export csv initech.csv", enter: true)
        try session.waitFor("exported 52 rows to initech.csv")
        try session.press("Escape")
        try session.waitFor("500 of 520")
        try session.type("q")

        let exported = ExportFixture.records(try String(contentsOf: directory.appendingPathComponent("initech.csv"), encoding: .utf8))
        XCTAssertEqual(exported.dropFirst().map { $0[0] }, (1...52).map { String(format: "CTR-%04d", $0 * 10) })
    }
}
