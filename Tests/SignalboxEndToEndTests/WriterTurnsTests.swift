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

    private func ingestTheRaise(_ runner: CommandRunner, into store: String) throws {
        let raise = #"{"event_id":"raise-X-1","type":"exception.raised","occurred_at":"2026-11-01T09:00:00Z","source":"MIDDLEWARE","correlation_id":"C-1","data":{"exception_id":"X-1","kind":"posting_failed","severity":"high","summary":"s"}}"#
        try (raise + "\n").write(toFile: path("raise.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try runner.run(["ingest", "--store", store, path("raise.jsonl")]).status, 0)
    }

    /// Another writer (here a `sqlite3` shell the test drives) holds the store past SQLite's 5 s busy timeout: the
    /// action says it waits, does not give up, and is written once the lock is free.
    func testAnActionWaitsPastTheBusyTimeoutWhileAnotherWriterHoldsTheStore() throws {
        let runner = CommandRunner(environment: ProcessInfo.processInfo.environment)
        let store = path("store.sqlite")
        try ingestTheRaise(runner, into: store)
        let holder = Process()
        let commands = Pipe()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [store]
        holder.standardInput = commands
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        // The shell's own busy timeout: the probes below take the lock for an instant, and a BEGIN that met one
        // would fail at once (the shell's default) and leave the store unlocked.
        commands.fileHandleForWriting.write(Data(".timeout 60000\nBEGIN IMMEDIATE;\n".utf8))
        try waitUntilTheStoreIsLocked(store)

        let note = try CommandRunner.Pending(runner, ["exceptions", "note", "--store", store, "X-1", "while locked"])
        let heldUntil = Date().addingTimeInterval(6)
        while Date() < heldUntil {
            XCTAssertTrue(note.isRunning, "the note gave up while another writer held the store")
            usleep(100_000)
        }
        commands.fileHandleForWriting.write(Data("ROLLBACK;\n".utf8))
        try commands.fileHandleForWriting.close()
        holder.waitUntilExit()

        let noted = note.wait()
        XCTAssertEqual(noted.status, 0, noted.standardError)
        XCTAssertTrue(noted.standardError.contains("waiting for another writer (such as an ingest) to commit…"), noted.standardError)
        let shown = try runner.run(["exceptions", "show", "--store", store, "X-1", "--json"])
        XCTAssertTrue(shown.standardOutput.contains("noted: while locked"), shown.standardOutput)
        XCTAssertEqual(try runner.run(["audit", "verify", "--store", store]).status, 0)
    }

    /// A bulk ingest (one transaction for its whole input) commits at its next batch when an action waits, lets
    /// it in, and goes on: the action lands between the ingest's transactions, and the ingest loses nothing. The
    /// ingest reads a named pipe the test writes, so the rest of its input arrives only once the action waits.
    func testABulkIngestLetsAWaitingActionInBetweenItsTransactions() throws {
        let runner = CommandRunner(environment: ProcessInfo.processInfo.environment)
        let store = path("store.sqlite")
        try ingestTheRaise(runner, into: store)
        let generated = try runner.run(["generate", "--seed", "7", "--contracts", "1800", "--from", "2026-08-25",
                                        "--to", "2026-11-22", "--output", path("bulk.jsonl")])
        XCTAssertEqual(generated.status, 0, generated.standardError)
        let lines = try String(contentsOfFile: path("bulk.jsonl"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        // Several of the ingest's decode batches (8,192 lines) after the first part: should the waiting action
        // miss one turn (the ingest waits 2 s for it), it has others before the input ends.
        let firstPart = 10_000
        XCTAssertGreaterThan(lines.count, firstPart + 3 * 8_192, "the generated input is too small for this test")

        let pipe = path("bulk.fifo")
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        let ingest = try CommandRunner.Pending(runner, ["ingest", "--store", store, "--batch-size", "10000000", pipe])
        let input = try XCTUnwrap(FileHandle(forWritingAtPath: pipe))  // opens once the ingest has opened its end
        input.write(Data((lines[..<firstPart].joined(separator: "\n") + "\n").utf8))
        try waitUntilTheStoreIsLocked(store)
        let note = try CommandRunner.Pending(runner, ["exceptions", "note", "--store", store, "X-1", "during the ingest"])
        // The note says it waits with a flag beside the store; the rest of the input follows once it does (or once
        // the note is done, had the ingest's first batch boundary already let it in).
        let flag = store + "-waiting"
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: flag), note.isRunning, Date() < deadline { usleep(20_000) }
        input.write(Data((lines[firstPart...].joined(separator: "\n") + "\n").utf8))
        try input.close()

        let ingested = ingest.wait()
        XCTAssertEqual(ingested.status, 0, ingested.standardError)
        let noted = note.wait()
        XCTAssertEqual(noted.status, 0, noted.standardError)
        XCTAssertTrue(noted.standardError.contains("waiting for another writer (such as an ingest) to commit…"), noted.standardError)
        let shown = try runner.run(["exceptions", "show", "--store", store, "X-1", "--json"])
        let history = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any])?["history"] as? [[String: Any]])
        let noteEntry = try XCTUnwrap(history.last)
        XCTAssertEqual(noteEntry["description"] as? String, "noted: during the ingest")
        let noteSequence = try XCTUnwrap(noteEntry["sequence"] as? Int)
        XCTAssertLessThan(noteSequence, try highestSequence(store), "the ingest never yielded: the note waited for its end")
        // Nothing lost: the signals equal one plain ingest's of the same input.
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
