import Foundation
import XCTest

/// The reconciliation tile in a real terminal: on the second page at 80×24, Enter to each control's rows, Tab between
/// controls, `:export` equal to `signalbox reconcile --csv`, Enter to the contract's trace and back, and 200×50.
final class ConsoleReconciliationTerminalTests: XCTestCase {
    private var directory: URL!
    private var store: String { directory.appendingPathComponent("reconciliation.sqlite").path }

    override func setUpWithError() throws {
        try ConsoleTmuxSession.requireTmux()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-reconciliation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = try CommandRunner(environment: environment()).run(["ingest", "--store", store, try ReconciliationEvents.write(in: directory)])
        XCTAssertEqual(result.status, 0, result.standardError)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func environment() -> [String: String] { ConsoleTmuxSession.environment(home: directory, noColor: false) }

    func testTileDrillDownTraceAndExport() throws {
        let session = try ConsoleTmuxSession(width: 80, height: 24, environment: environment())
        try session.type("cd \(directory.path) && \(CommandRunner.executable) console --store \(store) --as-of \(ReconciliationEvents.asOf) "
            + "--refresh 1; echo console-exited-$((6*7))", enter: true)
        try session.waitFor("Unbilled time")
        try session.type(" ")
        try session.waitForAll(["Golden signals 2/2", "Reconciliation", "rate leakage USD 102.84", "billing mismatch USD 122.84",
                                "double billed USD 400.00", "unbilled milestones EUR 2,000.00", "over contract value EUR 500.00"])
        try session.type("jj")
        try session.waitFor("[Reconciliation]")
        try session.press("Enter")
        try session.waitForAll(["Reconciliation · Rate leakage", "TE-1", "USD 80.00", "v2 2026-11-10 · PSA pending", "USD 22.8375",
                                "not on the card", "Tab control"])
        try session.press("Tab")
        try session.waitForAll(["Reconciliation · Billing mismatch", "TE-9", "unapproved", "USD 12.84"])
        try session.type(":export csv mismatch.csv", enter: true)
        try session.waitFor("exported 3 rows to mismatch.csv")
        try session.press("Enter")
        try session.waitForAll(["Trace C-1", "invoice INV-1 posted: USD 1310"])
        try session.press("Escape")
        try session.waitFor("Reconciliation · Billing mismatch")
        try session.press("BTab")
        try session.waitFor("Reconciliation · Rate leakage")
        try session.resize(width: 200, height: 50)
        try session.waitForAll(["CONTRACT", "ROLE", "WORKED", "2026-11-12", "CARD FROM"])
        try session.type("q")
        try session.waitFor("console-exited-42")

        let exported = try String(contentsOf: directory.appendingPathComponent("mismatch.csv"), encoding: .utf8)
        let listed = try CommandRunner(environment: environment())
            .run(["reconcile", "billing-mismatch", "--csv", "--store", store, "--as-of", ReconciliationEvents.asOf])
        XCTAssertEqual(listed.status, 0, listed.standardError)
        XCTAssertEqual(exported, listed.standardOutput, "the console's export is the command line's CSV")
    }
}
