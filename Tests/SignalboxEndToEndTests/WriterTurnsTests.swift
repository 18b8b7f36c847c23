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

    /// The ingest reads a named pipe the test writes, so its transaction stays open exactly as long as the test
    /// holds back the rest of the input: past SQLite's 5 s busy timeout, whatever the machine's speed.
    func testAnActionDuringABulkIngestWaitsForItsTurnAndSucceeds() throws {
        let runner = CommandRunner(environment: ProcessInfo.processInfo.environment)
        let store = path("store.sqlite")
        let raise = #"{"event_id":"raise-X-1","type":"exception.raised","occurred_at":"2026-11-01T09:00:00Z","source":"MIDDLEWARE","correlation_id":"C-1","data":{"exception_id":"X-1","kind":"posting_failed","severity":"high","summary":"s"}}"#
        try (raise + "\n").write(toFile: path("raise.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try runner.run(["ingest", "--store", store, path("raise.jsonl")]).status, 0)
        let generated = try runner.run(["generate", "--seed", "7", "--contracts", "1000", "--from", "2026-08-25",
                                        "--to", "2026-11-22", "--output", path("bulk.jsonl")])
        XCTAssertEqual(generated.status, 0, generated.standardError)
        let lines = try String(contentsOfFile: path("bulk.jsonl"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        // More than two of the ingest's decode batches (8,192 lines): the first is written in the open transaction,
        // the second arrives only when the test sends the rest.
        let firstPart = 10_000
        XCTAssertGreaterThan(lines.count, 2 * 8_192, "the generated input is too small for this test")

        let pipe = path("bulk.fifo")
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        let ingest = try CommandRunner.Pending(runner, ["ingest", "--store", store, "--batch-size", "10000000", pipe])
        let input = try XCTUnwrap(FileHandle(forWritingAtPath: pipe))  // opens once the ingest has opened its end
        input.write(Data((lines[..<firstPart].joined(separator: "\n") + "\n").utf8))
        try waitUntilTheStoreIsLocked(store)

        let note = try CommandRunner.Pending(runner, ["exceptions", "note", "--store", store, "X-1", "during the ingest"])
        // Hold the transaction open past SQLite's busy timeout: the note must not give up meanwhile.
        let heldUntil = Date().addingTimeInterval(6)
        while Date() < heldUntil {
            XCTAssertTrue(note.isRunning, "the note ended while the ingest still held the store")
            usleep(100_000)
        }
        input.write(Data((lines[firstPart...].joined(separator: "\n") + "\n").utf8))
        try input.close()

        let ingested = ingest.wait()
        XCTAssertEqual(ingested.status, 0, ingested.standardError)
        let noted = note.wait()
        XCTAssertEqual(noted.status, 0, noted.standardError)
        XCTAssertTrue(noted.standardError.contains("waiting for the ingest to commit…"), noted.standardError)
        let shown = try runner.run(["exceptions", "show", "--store", store, "X-1", "--json"])
        let history = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any])?["history"] as? [[String: Any]])
        let noteEntry = try XCTUnwrap(history.last)
        XCTAssertEqual(noteEntry["description"] as? String, "noted: during the ingest")
        // It got in between two of the ingest's transactions, not after the whole input.
        let noteSequence = try XCTUnwrap(noteEntry["sequence"] as? Int)
        XCTAssertLessThan(noteSequence, try highestSequence(store), "the ingest never yielded: the note waited for its end")
        // The ingest that let the notes in lost nothing: its signals equal one plain ingest's of the same input.
        let plain = path("plain.sqlite")
        for input in [path("raise.jsonl"), path("bulk.jsonl")] {
            XCTAssertEqual(try runner.run(["ingest", "--store", plain, input]).status, 0)
        }
        let signals = try [store, plain].map { try runner.run(["signals", "--store", $0, "--json", "--as-of", "2026-11-23T00:00:00Z"]) }
        XCTAssertEqual(signals[0].status, 0, signals[0].standardError)
        XCTAssertEqual(signals[0].standardOutput, signals[1].standardOutput)
        XCTAssertEqual(try runner.run(["audit", "verify", "--store", store]).status, 0)
    }

    private func highestSequence(_ store: String) throws -> Int {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [store, "SELECT max(seq) FROM events"]
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return try XCTUnwrap(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)))
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
