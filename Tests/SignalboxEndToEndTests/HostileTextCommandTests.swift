import Foundation
import XCTest

/// Text from the store is untrusted: every command that prints it must never pass a control character
/// (an escape sequence that retitles the window, clears the screen or rings the bell) to the terminal raw.
final class HostileTextCommandTests: XCTestCase {
    private var directory: URL!
    private var store: String { directory.appendingPathComponent("hostile.sqlite").path }

    /// Identifiers (keys, ids) with control characters are refused at ingest; free text (names, summaries,
    /// messages, notes, reasons) is stored as sent and must be escaped on the way out.
    /// As written in a JSON string: OSC retitle + BEL, clear screen, a C1 CSI, a lone BEL, a lone C1 (NEL), and a
    /// line feed that would start a forged line of output.
    static let hostile = #"\u001b]0;pwned\u0007\u001b[2J\u009b31mred\u0007bell\u0085nel\n\#(forged) line"#
    /// What a line forged by store text would start with.
    static let forged = "FORGED"
    private let runner = CommandRunner()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let h = Self.hostile
        let lines = [
            #"{"event_id":"a1","type":"contract.approved","occurred_at":"2026-11-01T09:00:00Z","source":"CLM","correlation_id":"C-H","data":{"contract_id":"C-H","customer":{"system":"CRM","key":"K","name":"Acme\#(h)"},"legal_entity":"LE1","currency":"USD","billing_model":"time_and_materials","total_value":"1000","rate_card":[{"role":"dev","rate":"100"}],"start_date":"2026-11-01","end_date":"2027-11-01"}}"#,
            #"{"event_id":"f1","type":"project.provisioning_failed","occurred_at":"2026-11-01T10:00:00Z","source":"MIDDLEWARE","correlation_id":"C-H","data":{"contract_id":"C-H","attempt":1,"reason_code":"RC\#(h)","message":"failed\#(h)"}}"#,
            #"{"event_id":"x1","type":"exception.raised","occurred_at":"2026-11-01T11:00:00Z","source":"MIDDLEWARE","correlation_id":"C-H","data":{"exception_id":"XH","kind":"ambiguous_customer_mapping","severity":"high","summary":"summary\#(h)","failed_event_id":"f1","amount_at_risk":"10","currency":"EUR","subject":{"system":"CRM","key":"GLOBEX","name":"Globex\#(h)"},"candidates":[{"system":"ERP","key":"C-1","name":"Candidate\#(h)","score":0.9},{"system":"ERP","key":"C-2","name":"Other","score":0.5}]}}"#,
            // Rejected lines: a hostile event type (quoted in the reason) and raw control bytes (not JSON).
            #"{"event_id":"bad","type":"contract.\#(h)","occurred_at":"2026-11-01T09:00:00Z","source":"CLM","correlation_id":"C-H","data":{}}"#,
            "raw \u{1B}]0;pwned\u{07} bytes \u{1B}[2J",
        ]
        // The file's name is untrusted too: rejected lines carry it.
        let file = directory.appendingPathComponent("hostile\u{1B}]0;pwned\u{07}.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let ingest = try runner.run(["ingest", "--store", store, file])
        XCTAssertEqual(ingest.status, 65, ingest.standardError)
        assertSafeForATerminal(ingest, "ingest")
        let note = try runner.run(["exceptions", "note", "XH", "note \u{1B}]0;pwned\u{07}\u{9B}2J", "--store", store])
        XCTAssertEqual(note.status, 0, note.standardError)
        let request = try runner.run(["reprocess", "request", "XH", "--store", store])
        XCTAssertEqual(request.status, 0, request.standardError)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    /// No C0 control but newline and tab, no DEL, no C1 in standard output or standard error.
    private func assertSafeForATerminal(_ result: CommandRunner.Result, _ command: String, json: Bool = false,
                                        file: StaticString = #filePath, line: UInt = #line) {
        for (name, text) in [("standard output", result.standardOutput), ("standard error", result.standardError)] {
            let unsafe = text.unicodeScalars.filter { scalar in
                (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F
                    // JSON output is data: it escapes C0 and DEL; a C1 character is legal JSON text.
                    || (!json && (0x80...0x9F).contains(scalar.value))
            }
            XCTAssertTrue(unsafe.isEmpty, "\(command): raw control characters \(unsafe.map { String($0.value, radix: 16) }) on \(name):\n\(text)",
                          file: file, line: line)
            // A line feed in store text stays inside its line: it never starts a line of its own.
            let forgedLines = text.split(separator: "\n").filter { $0.hasPrefix(Self.forged) }
            XCTAssertTrue(forgedLines.isEmpty, "\(command): store text started a line on \(name): \(forgedLines)", file: file, line: line)
        }
    }

    /// Runs `arguments` on the store; it must succeed and print the hostile text only escaped.
    private func check(_ arguments: [String], json: Bool = false, mustMention: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try runner.run(arguments + ["--store", store])
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.standardError)", file: file, line: line)
        if let mustMention {
            XCTAssertTrue(result.standardOutput.contains(mustMention), "\(arguments) should show \(mustMention):\n\(result.standardOutput)",
                          file: file, line: line)
        }
        assertSafeForATerminal(result, arguments.joined(separator: " "), json: json, file: file, line: line)
    }

    func testEveryCommandThatPrintsStoreTextEscapesIt() throws {
        try check(["rejected", "list"], mustMention: "bytes")
        try check(["rejected", "list", "--json"], json: true, mustMention: "pwned")
        try check(["exceptions", "list"], mustMention: "Globex")
        try check(["exceptions", "list", "--json"], json: true, mustMention: "Globex")
        try check(["exceptions", "show", "XH"], mustMention: "Candidate")
        try check(["exceptions", "show", "XH", "--json"], json: true, mustMention: "Candidate")
        try check(["exceptions", "resolve", "--subject", "CRM/GLOBEX", "--target-key", "C-2"], mustMention: "would resolve 1")
        try check(["trace", "C-H"], mustMention: "failed")
        try check(["trace", "C-H", "--json"], json: true, mustMention: "failed")
        try check(["audit", "list"], mustMention: "note")
        try check(["audit", "list", "--json"], json: true, mustMention: "note")
        try check(["audit", "verify"])
        try check(["reprocess", "list"], mustMention: "XH")
        try check(["signals", "--as-of", "2026-11-02T00:00:00Z"])
    }

    /// A file name is echoed through the command line's print alone (`migrate` names the store it readied).
    func testAHostileStoreFileNameIsEchoedEscaped() throws {
        let path = directory.appendingPathComponent("store\u{1B}]0;pwned\u{07}\u{9B}2J.sqlite").path
        let result = try runner.run(["migrate", "--store", path])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("store ready"), result.standardOutput)
        assertSafeForATerminal(result, "migrate")
    }
}
