import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

final class IngestCommandTests: XCTestCase {
    var directory: URL!
    let runner = CommandRunner()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func approvedLine(_ index: Int) -> String {
        let id = "C-\(index)"
        return #"{"event_id":"ev-\#(index)","type":"contract.approved","occurred_at":"2026-11-01T09:00:00Z","source":"CLM","correlation_id":"\#(id)","data":{"contract_id":"\#(id)","customer":{"system":"CRM","key":"A\#(index % 50)","name":"Acme"},"legal_entity":"US01","currency":"USD","billing_model":"retainer","total_value":"5000","rate_card":[{"role":"Dev","rate":"120.50"}],"start_date":"2026-11-01","end_date":"2027-10-31"}}"#
    }

    /// An approval of time entry TE-(index / 2), so most entries are approved twice; some are billed by an invoice.
    private func timeApprovedLine(_ index: Int) -> String {
        if index % 12 == 0 {
            return #"{"event_id":"ev-\#(index)","type":"invoice.posted","occurred_at":"2026-11-03T09:00:00Z","source":"ERP","correlation_id":"C-\#(index)","data":{"invoice_id":"INV-\#(index)","contract_id":"C-\#(index)","currency":"USD","total":"100","lines":[{"time_entry_id":"TE-\#(index / 2 - 3)","amount":"100"}]}}"#
        }
        return #"{"event_id":"ev-\#(index)","type":"time.approved","occurred_at":"2026-11-0\#(index % 5 + 1)T09:00:00Z","source":"PSA","correlation_id":"C-\#(index)","data":{"time_entry_id":"TE-\#(index / 2)","contract_id":"C-\#(index)","project_id":"P-1","resource":"r","role":"Dev","work_date":"2026-11-01","hours":"\#(index % 8 + 1)","rate":"100","amount":"\#((index % 8 + 1) * 100)","currency":"USD"}}"#
    }

    func testExitStatusesAndSummary() throws {
        let good = approvedLine(1) + "\n"
        try good.write(toFile: path("good.jsonl"), atomically: true, encoding: .utf8)
        try (good + "oops\n").write(toFile: path("mixed.jsonl"), atomically: true, encoding: .utf8)
        let store = path("store.sqlite")

        let clean = try runner.run(["ingest", "--store", store, path("good.jsonl")])
        XCTAssertEqual(clean.status, 0, clean.standardError)
        XCTAssertEqual(clean.standardOutput, "accepted 1, duplicates 0, rejected 0\n")

        let mixed = try runner.run(["ingest", "--store", store, path("mixed.jsonl")])
        XCTAssertEqual(mixed.status, 65)
        XCTAssertEqual(mixed.standardOutput, "accepted 0, duplicates 1, rejected 1\n")
        XCTAssertTrue(mixed.standardError.contains("mixed.jsonl:2: invalid JSON at column 1"), mixed.standardError)

        let fromStandardInput = try runner.run(["ingest", "--store", store, "-"], input: approvedLine(2) + "\n")
        XCTAssertEqual(fromStandardInput.status, 0, fromStandardInput.standardError)
        XCTAssertEqual(fromStandardInput.standardOutput, "accepted 1, duplicates 0, rejected 0\n")

        let missing = try runner.run(["ingest", "--store", store, path("absent.jsonl")])
        XCTAssertEqual(missing.status, 66)
        XCTAssertTrue(missing.standardError.contains("cannot open"), missing.standardError)

        let unusableStore = try runner.run(["ingest", "--store", directory.path, path("good.jsonl")])
        XCTAssertEqual(unusableStore.status, 69, unusableStore.standardError)

        let listed = try runner.run(["rejected", "list", "--store", store])
        XCTAssertTrue(listed.standardOutput.contains("mixed.jsonl:2: invalid JSON"), listed.standardOutput)
    }

    /// A rejected line is printed through the console's sanitiser: escape sequences, C1 controls and BiDi overrides
    /// in it never reach the terminal (the command line used to escape only C0/C1, so U+202E went out raw).
    func testRejectedLinesAreSanitisedLikeTheConsole() throws {
        let hostile = "ok\u{1B}]0;pwned\u{07} \u{202E}desrever \u{9B}31mred\u{2066}x"
        try (hostile + "\n").write(toFile: path("hostile.jsonl"), atomically: true, encoding: .utf8)
        let store = path("store.sqlite")
        _ = try runner.run(["ingest", "--store", store, path("hostile.jsonl")])
        let listed = try runner.run(["rejected", "list", "--store", store])
        XCTAssertEqual(listed.status, 0, listed.standardError)
        XCTAssertTrue(listed.standardOutput.contains("    ok desrever redx\n"), listed.standardOutput.debugDescription)
        let unsafe = listed.standardOutput.unicodeScalars.filter {
            $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) || [0x202E, 0x2066].contains($0.value)
        }
        XCTAssertEqual(unsafe.map(\.value), [], listed.standardOutput.debugDescription)
    }

    /// Time approvals in the log that the time-entry file does not reflect (an ingest died between its two
    /// commits) make `signals` say so, until the store is opened for writing.
    func testSignalsSaysWhenUnbilledTimeTrailsTheLog() throws {
        let store = path("store.sqlite")
        try (timeApprovedLine(3) + "\n").write(toFile: path("time.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try runner.run(["ingest", "--store", store, path("time.jsonl")]).status, 0)
        let line = timeApprovedLine(5)
        let event = try CanonicalEvent(jsonLine: Array(line.utf8))
        try SQLiteConnection(path: store, readOnly: false).statement("""
            INSERT INTO events (event_id, type, occurred_at, source, correlation_id, entity_key, payload, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0)
            """)
            .bind(.text(event.eventID), .text(event.type.rawValue), .integer(event.occurredAt.microseconds),
                  .text(event.source.rawValue), .text(event.correlationID), .text(event.entityKey), .text(line))
            .run()

        let trailing = try runner.run(["signals", "--store", store, "--json"])
        XCTAssertEqual(trailing.status, 0)
        XCTAssertTrue(trailing.standardError.contains("leaves out the last 1 time approvals and invoices"), trailing.standardError)
        XCTAssertEqual(try runner.run(["migrate", "--store", store]).status, 0)
        let caughtUp = try runner.run(["signals", "--store", store, "--json"])
        XCTAssertEqual(caughtUp.standardError, "")
        XCTAssertNotEqual(caughtUp.standardOutput, trailing.standardOutput, "the replayed approval is now unbilled time")
    }

    /// kill -9 in the middle of an ingest, then run it again: the store equals one clean run.
    func testKilledIngestResumesToTheSameStoreAsOneCleanRun() throws {
        let lines = (1...40_000).map { index in
            index % 997 == 0 ? "broken line \(index)" : index % 3 == 0 ? timeApprovedLine(index) : approvedLine(index)
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path("big.jsonl"), atomically: true, encoding: .utf8)

        let interrupted = path("interrupted.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = ["ingest", "--store", interrupted, "--batch-size", "500", "--progress", path("big.jsonl")]
        let progress = Pipe()
        process.standardError = progress
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait for the first committed batch to be reported, then kill without warning.
        var reported = ""
        while !reported.contains("committed") {
            let chunk = progress.fileHandleForReading.availableData
            XCTAssertFalse(chunk.isEmpty, "ingest ended before reporting a batch")
            if chunk.isEmpty { break }
            reported += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        let partial = try StoreDump(path: interrupted)
        XCTAssertGreaterThanOrEqual(partial.events.count, 499, "a reported batch was lost")
        XCTAssertLessThan(partial.events.count, 39_960, "the kill came too late to test anything")

        let resumed = try runner.run(["ingest", "--store", interrupted, path("big.jsonl")])
        XCTAssertEqual(resumed.status, 65)
        let clean = try runner.run(["ingest", "--store", path("clean.sqlite"), path("big.jsonl")])
        XCTAssertEqual(clean.standardOutput, "accepted 39960, duplicates 0, rejected 40\n")

        let cleanDump = try StoreDump(path: path("clean.sqlite"))
        XCTAssertFalse(cleanDump.timeEntries.isEmpty || cleanDump.unbilledHours.isEmpty, "the file has time to compare")
        XCTAssertEqual(try StoreDump(path: interrupted), cleanDump)
    }
}

/// The durable content of a SQLite store, without arrival timestamps; the time entries come from its companion file.
struct StoreDump: Equatable {
    var events: [String]
    var rejected: [String]
    var contracts: [String]
    var timeEntries: [String]
    var unbilledHours: [String]

    init(path: String) throws {
        let connection = try SQLiteConnection(path: path, readOnly: true)
        try SQLiteTimeEntryFile.attach(to: connection, readOnly: true)
        timeEntries = try connection.statement("""
            SELECT time_entry_id || ' ' || ifnull(approved_at, '-') || ' ' || ifnull(amount_units, '-') || ' ' || ifnull(billed_at, '-')
                   || ' ' || approval_seqs FROM time_entries ORDER BY time_entry_id
            """).rows { $0.text(0) }
        unbilledHours = try connection.statement("""
            SELECT currency || ' ' || hour || ' ' || hours_units || ' ' || amount_units || ' ' || entries
            FROM unbilled_hours WHERE entries <> 0 ORDER BY currency, hour
            """).rows { $0.text(0) }
        events = try connection.statement("SELECT seq || ' ' || event_id || ' ' || payload FROM events ORDER BY seq").rows { $0.text(0) }
        rejected = try connection.statement("SELECT source_name || ':' || line_number || ' ' || reason FROM rejected_lines ORDER BY source_name, line_number").rows { $0.text(0) }
        contracts = try connection.statement("SELECT contract_id || ' ' || ifnull(approved_at, '-') FROM contracts ORDER BY contract_id").rows { $0.text(0) }
    }
}
