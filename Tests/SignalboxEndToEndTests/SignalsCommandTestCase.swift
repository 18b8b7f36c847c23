import Foundation
import XCTest

/// A temporary directory with a configuration folder, and a small store for `signalbox signals` commands: one open
/// exception (raised 4 h before 2026-11-20T12:00:00Z) and one unpaid EUR 500.00 invoice, two events in the window.
class SignalsCommandTestCase: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-signals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("config/signalbox"), withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The store: one open exception and one unpaid EUR 500.00 invoice.
    func store() throws -> String {
        let store = path("store.sqlite")
        let lines = [
            ExceptionCommandTests.raised("X1", failedEvent: nil, amount: nil),
            #"{"event_id":"inv-1","type":"invoice.posted","occurred_at":"2026-11-19T10:00:00Z","source":"ERP","correlation_id":"C-9","data":{"invoice_id":"INV-1","contract_id":"C-9","currency":"EUR","total":"500.00","lines":[]}}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: path("in.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try CommandRunner().run(["ingest", "--store", store, path("in.jsonl")]).status, 0)
        return store
    }
}
