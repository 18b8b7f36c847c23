import Foundation
import XCTest

/// `:export` in a real terminal: the file holds every row of the table on screen (beyond the loaded page), with
/// its filter and sort, and the queue's export is the same file `exceptions list --csv` prints.
final class ConsoleExportTerminalTests: XCTestCase {
    private var directory: URL!
    private var store: String { directory.appendingPathComponent("export.sqlite").path }

    override func setUpWithError() throws {
        try ConsoleTmuxSession.requireTmux()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try ExportFixture.ingest(into: store, directory: directory, environment: environment())
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func environment(noColor: Bool = false) -> [String: String] {
        ConsoleTmuxSession.environment(home: directory, noColor: noColor)
    }

    private func openConsole(width: Int, height: Int, noColor: Bool = false) throws -> ConsoleTmuxSession {
        let session = try ConsoleTmuxSession(width: width, height: height, environment: environment(noColor: noColor))
        try session.type("cd \(directory.path) && \(CommandRunner.executable) console --store \(store) --refresh 1", enter: true)
        try session.waitFor("Unbilled time")
        return session
    }

    /// 121 ambiguous mappings: the queue loads 100, the export has all 121, byte for byte what the CLI prints.
    func testQueueExportHasEveryFilteredRowAsTheCLIListsThem() throws {
        let session = try openConsole(width: 80, height: 24)
        try session.type("e")
        try session.waitFor("Open exceptions")
        try session.type("/kind:ambiguous_customer_mapping")
        try session.press("Enter")
        try session.waitFor("100+ loaded")
        try session.type(":export csv queue.csv", enter: true)
        try session.waitFor("exported 121 rows to queue.csv")
        try session.type("q")

        let exported = try String(contentsOf: directory.appendingPathComponent("queue.csv"), encoding: .utf8)
        let listed = try CommandRunner(environment: environment())
            .run(["exceptions", "list", "--kind", "ambiguous_customer_mapping", "--csv", "--store", store])
        XCTAssertEqual(listed.status, 0, listed.standardError)
        XCTAssertEqual(exported, listed.standardOutput)
        let records = ExportFixture.records(exported)
        XCTAssertEqual(records.count, 1 + ExportFixture.ambiguous)
        XCTAssertEqual(records.dropFirst().map { $0[0] }, (1...ExportFixture.ambiguous).map { "X\($0)" }, "oldest first, as on screen")
    }

    /// A trace at 200×50 without colour: `/X7` keeps 11 of its 134 events; the JSON export has exactly those,
    /// and a path in a missing directory writes nothing and says why.
    func testTraceExportAsJSONKeepsTheFilter() throws {
        let session = try openConsole(width: 200, height: 50, noColor: true)
        try session.type(":trace C-9", enter: true)
        try session.waitFor("Trace C-9: 134 events")
        try session.type("/X7")
        try session.press("Enter")
        try session.type(":export json trace.json", enter: true)
        try session.waitFor("exported 11 rows to trace.json")
        try session.type(":export csv missing/trace.csv", enter: true)
        try session.waitFor("nothing exported: cannot write missing/trace.csv: no such directory")
        try session.type("q")

        let data = try Data(contentsOf: directory.appendingPathComponent("trace.json"))
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        XCTAssertEqual(rows.count, 11)
        XCTAssertTrue(rows.allSatisfy { ($0["detail"] as? String)?.contains("X7") == true }, "\(rows)")
        XCTAssertEqual(Set(rows.flatMap(\.keys)), ["occurred_at", "source", "type", "event_id", "detail"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("missing").path))
    }
}
