import Foundation
import XCTest

/// `signalbox reconcile` on a real PostgreSQL store: every control's rows add up to `signals --json`'s §10 and are
/// the rows the reference lists.
final class PostgresReconcileCommandTests: CommandClusterTestCase {
    func testEveryControlsRowsAddUpToTheSignalAndEqualTheReference() throws {
        let url = try cluster.createDatabase("reconcile_\(UUID().uuidString.prefix(8).lowercased())")
        let runner = CommandRunner()
        let events = try reconciliationEventsFile()
        let ingest = try runner.run(["ingest", "--store", url, events])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)

        let store = ReconciliationSums(runner: runner, source: ["--store", url])
        try store.assertRowsAddUpToTheSignal()
        XCTAssertEqual(try store.figuresFromRows(), try ReconciliationSums(runner: runner, source: ["--from-events", events]).figuresFromRows())
        for control in ["rate-leakage", "billing-mismatch", "double-billed", "unbilled-milestones", "over-contract-value"] {
            let arguments = ["reconcile", control, "--csv", "--as-of", ReconciliationEvents.asOf]
            XCTAssertEqual(try runner.run(arguments + ["--store", url]).standardOutput,
                           try runner.run(arguments + ["--from-events", events]).standardOutput, "\(control): the same rows, in the same order")
        }
    }
}
