import Foundation
import XCTest

/// Close mode in a real terminal, as of two days after the November cutoff (18:00 Europe/Berlin from the
/// configuration): the status bar says the cutoff passed, the unbilled tile splits what missed the close, the
/// queue lists money at risk before the cutoff first, and the wall shows the countdown in big numerals.
final class ConsoleCloseTerminalTests: XCTestCase {
    private var directory: URL!
    private var store: String { directory.appendingPathComponent("close.sqlite").path }

    override func setUpWithError() throws {
        try ConsoleTmuxSession.requireTmux()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-close-\(UUID().uuidString)")
        let config = directory.appendingPathComponent("signalbox")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "close:\n  timeZone: Europe/Berlin\n  cutoff: \"18:00\"\n  periodEnds: [2026-10-30, 2026-11-30, 2026-12-31]\n"
            .write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        func time(_ entry: String, amount: String, at: String) -> String {
            #"{"event_id":"t-\#(entry)","type":"time.approved","occurred_at":"\#(at)","source":"PSA","correlation_id":"C-1","data":{"time_entry_id":"\#(entry)","contract_id":"C-1","project_id":"P-1","resource":"r","role":"Dev","work_date":"2026-11-01","hours":8,"rate":100,"amount":\#(amount),"currency":"EUR"}}"#
        }
        let lines = [
            time("T1", amount: "1200.50", at: "2026-11-20T09:00:00Z"),   // before the cutoff, unbilled: misses the close
            time("T2", amount: "800", at: "2026-11-30T16:59:00Z"),       // a minute before the cutoff
            time("T3", amount: "300", at: "2026-11-30T17:00:00Z"),       // at the cutoff: the next period
            time("T4", amount: "999", at: "2026-11-10T09:00:00Z"),       // billed
            #"{"event_id":"inv","type":"invoice.posted","occurred_at":"2026-11-25T09:00:00Z","source":"ERP","correlation_id":"C-1","data":{"invoice_id":"I-1","contract_id":"C-1","currency":"EUR","total":999,"lines":[{"time_entry_id":"T4","amount":999}]}}"#,
            ExportFixture.raised("XOLD", kind: "posting_failed", amount: "10", minute: 0),
            ExportFixture.raised("XNONE", kind: "posting_failed", amount: "0", minute: 1),
            ExportFixture.raised("XLATE", kind: "rate_mismatch", amount: "5000", minute: 0, day: "2026-12-01"),   // 1 Dec: after the cutoff
            ExportFixture.raised("XRISK", kind: "rate_mismatch", amount: "250", minute: 60 * 5),
        ]
        let file = directory.appendingPathComponent("close.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let ingest = try CommandRunner(environment: environment()).run(["ingest", "--store", store, file])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func environment(noColor: Bool = false) -> [String: String] {
        ConsoleTmuxSession.environment(home: directory, noColor: noColor)
    }

    private func console(_ options: String, width: Int, height: Int, noColor: Bool = false) throws -> ConsoleTmuxSession {
        let session = try ConsoleTmuxSession(width: width, height: height, environment: environment(noColor: noColor))
        try session.type("\(CommandRunner.executable) console --store \(store) --as-of 2026-12-02T00:00:00Z \(options)", enter: true)
        return session
    }

    func testStatusBarSplitAndQueueAt200x50() throws {
        let session = try console("", width: 200, height: 50)
        // The calendar's current period as of 2 Dec is December's; --close picks November's.
        try session.waitForAll(["close 2026-12-31 18:00 Europe/Berlin cutoff in 29d 17h", "before cutoff EUR 2,300.50 (3)"])
        try session.type("q")

        let november = try console("--close 2026-11-30", width: 200, height: 50)
        try november.waitForAll(["close 2026-11-30 18:00 Europe/Berlin cutoff passed 1d 7h ago",
                                 "before cutoff EUR 2,000.50 (2) · after 300.00 (1)"])
        try november.type("e")
        let screen = try november.waitFor("4 loaded · oldest first · at risk before cutoff first")
        let order = ["XOLD", "XRISK", "XNONE", "XLATE"].map { id in screen.range(of: id + " ")?.lowerBound }
        XCTAssertTrue(order.allSatisfy { $0 != nil } && order.compactMap { $0 } == order.compactMap { $0 }.sorted(),
                      "money at risk before the cutoff first, oldest first within each part:\n\(screen)")
        // The command line in close mode lists them in the same order: its CSV is the console's export.
        try november.type(":export csv \(directory.appendingPathComponent("queue.csv").path)", enter: true)
        try november.waitFor("exported 4 rows")
        try november.type("q")
        let listed = try CommandRunner(environment: environment())
            .run(["exceptions", "list", "--close", "2026-11-30", "--csv", "--store", store])
        XCTAssertEqual(listed.status, 0, listed.standardError)
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent("queue.csv"), encoding: .utf8), listed.standardOutput)
        XCTAssertEqual(ExportFixture.records(listed.standardOutput).dropFirst().map { $0[0] }, ["XOLD", "XRISK", "XNONE", "XLATE"])
    }

    func testWallShowsTheCountdownInBigNumeralsAt80x24() throws {
        let session = try console("--close 2026-11-30 --wall", width: 80, height: 24, noColor: true)
        try session.waitForAll(["close 2026-11-30 · cutoff 18:00 Europe/Berlin passed", "█"])
        try session.type("q")
    }
}
