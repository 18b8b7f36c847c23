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
        try TrailingLog.append(timeApprovedLine(5), toStore: store)

        // A fixed as-of, so the two reports differ only in what the store counts.
        let signals = ["signals", "--store", store, "--json", "--as-of", "2026-11-06T00:00:00Z"]
        let trailing = try runner.run(signals)
        XCTAssertEqual(trailing.status, 0)
        XCTAssertTrue(trailing.standardError.contains("leaves out the last 1 time approvals and invoices"), trailing.standardError)
        XCTAssertEqual(try unbilledUSD(trailing.standardOutput), ["amount": "400.0", "hours": "4.0", "entries": "1"],
                       "only TE-1 (4 h) before the catch-up")
        XCTAssertEqual(try runner.run(["migrate", "--store", store]).status, 0)
        let caughtUp = try runner.run(signals)
        XCTAssertEqual(caughtUp.standardError, "")
        XCTAssertEqual(try unbilledUSD(caughtUp.standardOutput), ["amount": "1000.0", "hours": "10.0", "entries": "2"],
                       "the replayed approval of TE-2 (6 h, 600) is now unbilled time")
    }

    /// `unbilled_time.USD`'s totals from `signals --json`, as the JSON spells them (the project's parser keeps
    /// a number's text).
    private func unbilledUSD(_ json: String) throws -> [String: String] {
        guard case .object(let document) = try JSONParser.parse(Array(json.utf8)),
              case .object(let unbilled) = document["unbilled_time"], case .object(let usd) = unbilled["USD"]
        else { return ["missing": json] }
        var totals: [String: String] = [:]
        for key in ["amount", "hours", "entries"] {
            if case .number(let text) = usd[key] { totals[key] = text }
        }
        return totals
    }

    /// kill -9 in the middle of an ingest, then run it again: the store equals one clean run.
    ///
    /// The interrupted ingest reads a FIFO the test writes only the first 1,500 lines into, so it is blocked
    /// waiting for more when it is killed, however fast it is: the kill always lands mid-file.
    /// A writer's open that upgrades the store says so first (an upgrade can read the whole log); later opens, and a
    /// store being created, say nothing.
    func testAWriterThatUpgradesTheStoreSaysSoBeforeItStarts() throws {
        try (approvedLine(1) + "\n").write(toFile: path("one.jsonl"), atomically: true, encoding: .utf8)
        try (approvedLine(2) + "\n").write(toFile: path("two.jsonl"), atomically: true, encoding: .utf8)
        let store = path("store.sqlite")
        let created = try runner.run(["ingest", "--store", store, path("one.jsonl")])
        XCTAssertEqual(created.status, 0, created.standardError)
        XCTAssertEqual(created.standardError, "", "creating a store is not an upgrade")
        let current = try sqliteShell(store, "PRAGMA user_version").trimmingCharacters(in: .whitespacesAndNewlines)
        // The store as schema 16 left it: no typed payments or raises, the typed approvals in the log's file (an
        // empty table will do: the upgrade drops it), the companion at its version 4, nothing of schemas 21 and 22.
        _ = try sqliteShell(store, """
            ALTER TABLE exceptions DROP COLUMN closed_by;
            DROP INDEX exceptions_unclosed_by_kind; DROP INDEX exceptions_unclosed_by_kind_change;
            DROP TRIGGER invoices_outstanding_insert; DROP TRIGGER invoices_outstanding_update_out;
            DROP TRIGGER invoices_outstanding_update_in; DROP TRIGGER invoices_outstanding_delete; DROP TABLE invoices_outstanding;
            DROP TABLE invoice_payments; DROP TABLE exception_raises; CREATE TABLE time_approvals (seq INTEGER PRIMARY KEY);
            ATTACH '\(store)-time' AS companion; DROP TABLE companion.time_approvals; PRAGMA companion.user_version = 4;
            PRAGMA user_version = 16;
            """)

        let upgraded = try runner.run(["ingest", "--store", store, path("two.jsonl")])
        XCTAssertEqual(upgraded.status, 0, upgraded.standardError)
        XCTAssertEqual(upgraded.standardError, "signalbox: upgrading \(store) from schema 16 to \(current), once: on a store of millions "
                       + "of events this can take a minute…\n")
        XCTAssertEqual(upgraded.standardOutput, "accepted 1, duplicates 0, rejected 0\n")
        XCTAssertEqual(try sqliteShell(store, "PRAGMA user_version").trimmingCharacters(in: .whitespacesAndNewlines), current)

        let again = try runner.run(["ingest", "--store", store, path("two.jsonl")])
        XCTAssertEqual(again.standardError, "", "nothing to upgrade")
    }

    func testKilledIngestResumesToTheSameStoreAsOneCleanRun() throws {
        let lines = (1...6_000).map { index in
            index % 997 == 0 ? "broken line \(index)" : index % 3 == 0 ? timeApprovedLine(index) : approvedLine(index)
        }
        let input = path("big.jsonl")
        XCTAssertEqual(mkfifo(input, 0o600), 0, String(cString: strerror(errno)))

        let interrupted = path("interrupted.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = ["ingest", "--store", interrupted, "--batch-size", "500", "--progress", input]
        let progress = Pipe()
        process.standardError = progress
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let fifo = try openForWriting(fifo: input)
        signal(SIGPIPE, SIG_IGN)
        let head = Array((lines.prefix(1_500).joined(separator: "\n") + "\n").utf8)
        XCTAssertEqual(head.withUnsafeBytes { write(fifo, $0.baseAddress, $0.count) }, head.count)
        // Wait for a committed batch to be reported, then kill without warning (the FIFO stays open: no end of input).
        var reported = ""
        while !reported.contains("committed") {
            let chunk = progress.fileHandleForReading.availableData
            XCTAssertFalse(chunk.isEmpty, "ingest ended before reporting a batch")
            if chunk.isEmpty { break }
            reported += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        close(fifo)
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        let partial = try StoreDump(path: interrupted)
        XCTAssertGreaterThanOrEqual(partial.events.count, 500, "a reported batch was lost")
        XCTAssertLessThanOrEqual(partial.events.count, 1_500, "more events than the ingest was given")

        // The same input name, now a regular file with every line.
        try FileManager.default.removeItem(atPath: input)
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let resumed = try runner.run(["ingest", "--store", interrupted, input])
        XCTAssertEqual(resumed.status, 65)
        XCTAssertTrue(resumed.standardOutput.hasPrefix("accepted \(5_994 - partial.events.count), duplicates \(partial.events.count),"),
                      resumed.standardOutput)
        let clean = try runner.run(["ingest", "--store", path("clean.sqlite"), input])
        XCTAssertEqual(clean.standardOutput, "accepted 5994, duplicates 0, rejected 6\n")

        let cleanDump = try StoreDump(path: path("clean.sqlite"))
        XCTAssertFalse(cleanDump.timeEntries.isEmpty || cleanDump.unbilledHours.isEmpty, "the file has time to compare")
        XCTAssertEqual(try StoreDump(path: interrupted), cleanDump)
    }

    /// Opens `fifo` for writing once its reader has opened it (bounded: the reader is a process just started).
    private func openForWriting(fifo: String) throws -> Int32 {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let descriptor = open(fifo, O_WRONLY | O_NONBLOCK)
            if descriptor >= 0 {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
                return descriptor
            }
            guard errno == ENXIO else { break }
            usleep(10_000)
        }
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: fifo])
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
