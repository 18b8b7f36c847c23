import Foundation
import XCTest

/// A store with more exceptions than one page of the queue (121 ambiguous mappings, 10 posting failures), one with
/// a hostile summary, a reprocess request, a rejected line: for `--csv` and the console's `:export`.
enum ExportFixture {
    static let ambiguous = 121

    /// Writes the events and ingests them into `store` (one line is rejected on purpose).
    static func ingest(into store: String, directory: URL, environment: [String: String]) throws {
        var lines = (1...ambiguous).map { raised("X\($0)", kind: "ambiguous_customer_mapping", amount: "\($0)00.25", minute: $0) }
        lines += (1...10).map { raised("P\($0)", kind: "posting_failed", amount: "7.5", minute: 200 + $0) }
        lines.append(raised("XH", kind: "posting_failed", amount: "1234567.89", minute: 300,
                            summary: #"say \"hi\", then\r\nnew line \u001b[2J\u202eevil"#))
        lines.append(MoneyDecisionCommandTests.failed("evt-P1"))
        lines.append(#"{"event_id":"bad","type":"contract.nope","occurred_at":"2026-11-01T09:00:00Z","source":"CLM","correlation_id":"C-9","data":{}}"#)
        let file = directory.appendingPathComponent("export.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let ingest = try CommandRunner(environment: environment).run(["ingest", "--store", store, file])
        XCTAssertEqual(ingest.status, 65, ingest.standardError)   // the one rejected line
        let request = try CommandRunner(environment: environment).run(["reprocess", "request", "P1", "--store", store])
        XCTAssertEqual(request.status, 0, request.standardError)
    }

    /// An `exception.raised` line on contract C-9, raised `minute` minutes after 2026-11-20T08:00Z (within that day).
    static func raised(_ id: String, kind: String, amount: String, minute: Int, summary: String = "Globex matches two ERP customers",
                       day: String = "2026-11-20") -> String {
        let time = String(format: "\(day)T%02d:%02d:00Z", 8 + minute / 60, minute % 60)
        return #"{"event_id":"raise-\#(id)","type":"exception.raised","occurred_at":"\#(time)","source":"MIDDLEWARE","correlation_id":"C-9","data":{"exception_id":"\#(id)","kind":"\#(kind)","severity":"high","summary":"\#(summary)","failed_event_id":"evt-\#(id)","amount_at_risk":"\#(amount)","currency":"EUR","subject":{"system":"CRM","key":"GLOBEX","name":"Globex"},"candidates":[{"system":"ERP","key":"C-100","name":"Globex Ltd","score":0.93},{"system":"ERP","key":"C-200","name":"Globex GmbH","score":0.71}]}}"#
    }

    /// The records of an RFC 4180 document (fields unquoted); fails the test on a malformed document or a
    /// record not ended by CRLF.
    static func records(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false, atFieldStart = true
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append("\"") } else { quoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" && atFieldStart {
                quoted = true
            } else if scalar == "," {
                record.append(field); field = ""; atFieldStart = true; continue
            } else if scalar == "\r" {
                guard scalars.popFirst() == "\n" else { XCTFail("CR without LF", file: file, line: line); return records }
                record.append(field); records.append(record); record = []; field = ""; atFieldStart = true; continue
            } else {
                XCTAssertFalse(scalar == "\n" || scalar == "\"", "bare \(scalar.escaped(asASCII: true)) outside quotes", file: file, line: line)
                field.unicodeScalars.append(scalar)
            }
            atFieldStart = false
        }
        XCTAssertTrue(record.isEmpty && field.isEmpty && !quoted, "the last record does not end with CRLF", file: file, line: line)
        return records
    }
}

extension ConsoleTmuxSession {
    /// A console's environment for a terminal test: xterm-256color (or `NO_COLOR=1`), configuration, data and
    /// state in `home`, the OS account as the user.
    static func environment(home: URL, noColor: Bool = false) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
                           "XDG_CONFIG_HOME": home.path, "XDG_DATA_HOME": home.path, "XDG_STATE_HOME": home.path]
        if noColor { environment["NO_COLOR"] = "1" }
        return environment
    }
}
