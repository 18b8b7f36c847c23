import Foundation
import XCTest

/// A person's action never fails because a bulk ingest holds the SQLite store: it waits its turn, says so, and goes on.
final class WriterTurnsTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-turns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func testAnActionDuringABulkIngestWaitsForItsTurnAndSucceeds() throws {
        let runner = CommandRunner(environment: ProcessInfo.processInfo.environment)
        let store = path("store.sqlite")
        let raise = #"{"event_id":"raise-X-1","type":"exception.raised","occurred_at":"2026-11-01T09:00:00Z","source":"MIDDLEWARE","correlation_id":"C-1","data":{"exception_id":"X-1","kind":"posting_failed","severity":"high","summary":"s"}}"#
        try (raise + "\n").write(toFile: path("raise.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try runner.run(["ingest", "--store", store, path("raise.jsonl")]).status, 0)
        // Enough events that one transaction holds the store far longer than SQLite's 5 s busy timeout.
        let generated = try runner.run(["generate", "--seed", "7", "--contracts", "15000", "--from", "2026-08-25",
                                        "--to", "2026-11-22", "--output", path("bulk.jsonl")])
        XCTAssertEqual(generated.status, 0, generated.standardError)

        let ingest = try CommandRunner.Pending(runner, ["ingest", "--store", store, "--batch-size", "10000000", path("bulk.jsonl")])
        try waitUntilTheStoreIsLocked(store)
        let notes = try (1...3).map { index in try runner.run(["exceptions", "note", "--store", store, "X-1", "during the ingest \(index)"]) }
        let ingested = ingest.wait()
        XCTAssertEqual(ingested.status, 0, ingested.standardError)
        for note in notes { XCTAssertEqual(note.status, 0, note.standardError) }
        XCTAssertTrue(notes[0].standardError.contains("waiting for the ingest to commit…"), notes[0].standardError)
        let shown = try runner.run(["exceptions", "show", "--store", store, "X-1", "--json"])
        for index in 1...3 { XCTAssertTrue(shown.standardOutput.contains("during the ingest \(index)"), shown.standardOutput) }
        XCTAssertEqual(try runner.run(["audit", "verify", "--store", store]).status, 0)
    }

    /// Polls (bounded) until another writer holds the store's write lock.
    private func waitUntilTheStoreIsLocked(_ store: String) throws {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [store, "BEGIN IMMEDIATE; ROLLBACK;"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { return }
            usleep(20_000)
        }
        XCTFail("the ingest never took the store's write lock")
    }
}
