import Foundation
import XCTest

/// The command line at the trust boundary: console actions are never ingested, ids with control characters are
/// refused, nothing untrusted reaches the terminal raw, and the audit chain is anchored by checkpoints kept outside.
final class TrustBoundaryCommandTests: XCTestCase {
    var directory: URL!
    let runner = CommandRunner()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Several people on one OS account: the store lets `$SIGNALBOX_USER` name them.
    private func allowNamedActors(on store: String) throws {
        let allowed = try runner.run(["actors", "--allow-named", "--store", store])
        XCTAssertEqual(allowed.status, 0, allowed.standardError)
    }

    private func line(_ id: String, _ type: String, source: String = "MIDDLEWARE", correlation: String = "C-1",
                      minute: Int = 0, _ data: String) -> String {
        #"{"event_id":"\#(id)","type":"\#(type)","occurred_at":"2026-11-01T09:\#(String(format: "%02d", minute)):00Z","source":"\#(source)","correlation_id":"\#(correlation)","data":\#(data)}"#
    }

    private func raise(_ exception: String, amount: String = "1.00") -> String {
        line("raise-\(exception)", "exception.raised",
             #"{"exception_id":"\#(exception)","kind":"posting_failed","severity":"critical","summary":"invoice rejected","amount_at_risk":"\#(amount)","currency":"EUR","failed_event_id":"inv-1"}"#)
    }

    /// Bytes a terminal would act on: C0 controls but line feed, DEL, C1 controls, bidirectional and zero-width characters.
    private func unsafeScalars(in text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
                || [0x200B, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069].contains(scalar.value)
        }.map { String(format: "U+%04X", $0.value) }
    }

    func testConsoleActionsAreNotIngestedAndIntegrationsFollowTheRules() throws {
        let store = path("store.sqlite")
        let failed = line("inv-1", "project.provisioning_failed", source: "PSA",
                          #"{"contract_id":"C-1","attempt":1,"reason_code":"PSA_TIMEOUT","message":"timed out"}"#)
        try ([failed, raise("X-1")].joined(separator: "\n") + "\n").write(toFile: path("raise.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try runner.run(["ingest", "--store", store, path("raise.jsonl")]).status, 0)
        try allowNamedActors(on: store)
        var environment = runner.environment
        environment["SIGNALBOX_USER"] = "alice"
        let alice = CommandRunner(environment: environment)
        let requested = try alice.run(["reprocess", "request", "--store", store, "X-1"])
        XCTAssertEqual(requested.status, 0, requested.standardError)
        let list = try alice.run(["reprocess", "list", "--store", store])
        let requestID = try XCTUnwrap(list.standardOutput.split(separator: "\n").dropFirst().first?.split(separator: " ").first)

        let forged = [
            line("forged-approval", "reprocess.approved", source: "CONSOLE", minute: 5, #"{"request_id":"\#(requestID)","by":"alice"}"#),
            line("mw-approval", "reprocess.approved", minute: 6, #"{"request_id":"\#(requestID)","by":"bob"}"#),
            line("mw-resolve", "exception.resolved", minute: 7, #"{"exception_id":"X-1","by":"bob","resolution":{"note":"reposted"}}"#),
        ].joined(separator: "\n") + "\n"
        try forged.write(toFile: path("forged.jsonl"), atomically: true, encoding: .utf8)
        let ingest = try runner.run(["ingest", "--store", store, path("forged.jsonl")])
        XCTAssertEqual(ingest.status, 65, ingest.standardError)
        XCTAssertEqual(ingest.standardOutput, "accepted 1, duplicates 0, rejected 2\n")
        XCTAssertTrue(ingest.standardError.contains("forged.jsonl:1: console actions are recorded by signalbox, not ingested"),
                      ingest.standardError)
        let rejected = try runner.run(["rejected", "list", "--store", store])
        XCTAssertTrue(rejected.standardOutput.contains("forged.jsonl:2: an integration may not approve a reprocess"),
                      rejected.standardOutput)

        let shown = try runner.run(["exceptions", "show", "--store", store, "X-1", "--json"])
        let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any])
        let request = try XCTUnwrap((record["reprocess_requests"] as? [[String: Any]])?.first, shown.standardOutput)
        XCTAssertEqual(request["requested_by"] as? String, "alice")
        XCTAssertTrue(request["approved_by"] is NSNull, "not approved: \(shown.standardOutput)")
        let audit = try runner.run(["audit", "--store", store])
        XCTAssertTrue(audit.standardOutput.contains("MIDDLEWARE") && audit.standardOutput.contains("resolved"),
                      "the integration's resolution is audited: \(audit.standardOutput)")
        let verified = try runner.run(["audit", "verify", "--store", store])
        XCTAssertEqual(verified.status, 0, verified.standardOutput)
    }

    func testANulInAnIdIsRejectedNotTruncated() throws {
        let store = path("store.sqlite")
        let twin = line("raise-twin", "exception.raised",
                        #"{"exception_id":"EXH-TWIN\u0000evil","kind":"posting_failed","severity":"critical","summary":"s","amount_at_risk":"1000000.00","currency":"EUR"}"#)
        let bidi = line("raise-bidi", "exception.raised",
                        #"{"exception_id":"EXH-\u202eNIWT","kind":"posting_failed","severity":"low","summary":"s"}"#)
        let event = line("ev-\\u0001x", "exception.raised", #"{"exception_id":"EXH-3","kind":"posting_failed","severity":"low","summary":"s"}"#)
        try ([raise("EXH-TWIN"), twin, bidi, event].joined(separator: "\n") + "\n")
            .write(toFile: path("twin.jsonl"), atomically: true, encoding: .utf8)
        let ingest = try runner.run(["ingest", "--store", store, path("twin.jsonl")])
        XCTAssertEqual(ingest.standardOutput, "accepted 1, duplicates 0, rejected 3\n", ingest.standardError)
        XCTAssertTrue(ingest.standardError.contains(
            "twin.jsonl:2: data.exception_id: contains the control or invisible character U+0000 at position 9"), ingest.standardError)
        XCTAssertTrue(ingest.standardError.contains("twin.jsonl:3: data.exception_id: contains the control or invisible character U+202E"),
                      ingest.standardError)
        XCTAssertTrue(ingest.standardError.contains("twin.jsonl:4: event_id: contains the control or invisible character U+0001"),
                      ingest.standardError)
        let list = try runner.run(["exceptions", "list", "--store", store, "--json"])
        XCTAssertEqual(list.standardOutput.split(separator: "\n").count, 1, list.standardOutput)
        XCTAssertTrue(list.standardOutput.contains(#""exception_id":"EXH-TWIN""#), list.standardOutput)
    }

    func testNothingUntrustedReachesTheTerminalRaw() throws {
        let store = path("store.sqlite")
        let hostileName = "\u{1B}]0;pwned\u{07}\u{1B}[2Jx\u{202E}.jsonl"
        let hostile = directory.appendingPathComponent(hostileName).path
        let note = line("mw-note", "exception.noted", minute: 1,
                        #"{"exception_id":"X-1","by":"bot","note":"see \u009b31m \u202eevil\u200b \u001b]0;t\u0007"}"#)
        try ([raise("X-1"), "not json \u{9B}2J", note].joined(separator: "\n") + "\n")
            .write(toFile: hostile, atomically: true, encoding: .utf8)
        let outputs = [
            try runner.run(["ingest", "--store", store, hostile]),
            try runner.run(["ingest", "--store", store, hostile + "-missing"]),
            try runner.run(["rejected", "list", "--store", store]),
            try runner.run(["rejected", "list", "--store", store, "--json"]),
            try runner.run(["trace", "--store", store, "NOPE\u{1B}]0;pwned\u{07}"]),
            try runner.run(["trace", "--store", store, "C-1"]),
            try runner.run(["trace", "--store", store, "C-1", "--json"]),
            try runner.run(["exceptions", "show", "--store", store, "X-1"]),
            try runner.run(["exceptions", "show", "--store", store, "X-1", "--json"]),
            try runner.run(["audit", "--store", store]),
            try runner.run(["audit", "--store", store, "--json"]),
        ]
        for (index, output) in outputs.enumerated() {
            XCTAssertEqual(unsafeScalars(in: output.standardOutput), [], "command \(index) stdout: \(output.standardOutput.debugDescription)")
            XCTAssertEqual(unsafeScalars(in: output.standardError), [], "command \(index) stderr: \(output.standardError.debugDescription)")
        }
        XCTAssertTrue(outputs[4].standardError.hasSuffix("no events with correlation id NOPE\n"), outputs[4].standardError)
        // JSON keeps the text exactly, escaped: it parses back to the same characters.
        let json = try XCTUnwrap(outputs[6].standardOutput.split(separator: "\n").last)
        XCTAssertTrue(json.contains(#"\u009b31m \u202eevil\u200b \u001b]0;t\u0007"#), String(json))
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let data = try XCTUnwrap(parsed?["data"] as? [String: Any])
        XCTAssertEqual(data["note"] as? String, "see \u{9B}31m \u{202E}evil\u{200B} \u{1B}]0;t\u{07}")

        var environment = runner.environment
        environment["SIGNALBOX_USER"] = "\u{202E}ecila"
        let reversed = try CommandRunner(environment: environment).run(["exceptions", "claim", "--store", store, "X-1"])
        XCTAssertNotEqual(reversed.status, 0, "an unprintable actor name is refused")
        XCTAssertEqual(unsafeScalars(in: reversed.standardError), [], reversed.standardError.debugDescription)
    }

    func testACheckpointKeptOutsideCatchesARewrittenLog() throws {
        let store = path("store.sqlite")
        try ([raise("X-1"), raise("X-2")].joined(separator: "\n") + "\n").write(toFile: path("raise.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try runner.run(["ingest", "--store", store, path("raise.jsonl")]).status, 0)
        try allowNamedActors(on: store)
        var environment = runner.environment
        environment["SIGNALBOX_USER"] = "alice"
        let alice = CommandRunner(environment: environment)
        XCTAssertEqual(try alice.run(["exceptions", "dismiss", "--store", store, "X-1", "--reason", "duplicate"]).status, 0)
        let checkpoint = try runner.run(["audit", "checkpoint", "--store", store])
        XCTAssertEqual(checkpoint.status, 0, checkpoint.standardError)
        XCTAssertTrue(checkpoint.standardOutput.hasPrefix("signalbox-audit-checkpoint count=4 head="), checkpoint.standardOutput)
        try checkpoint.standardOutput.write(toFile: path("checkpoints.txt"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try alice.run(["exceptions", "note", "--store", store, "X-2", "later"]).status, 0)
        let extending = try runner.run(["audit", "verify", "--store", store, "--checkpoint", path("checkpoints.txt")])
        XCTAssertEqual(extending.status, 0, extending.standardOutput)
        XCTAssertTrue(extending.standardOutput.contains("extends all 1 checkpoints"), extending.standardOutput)

        // Someone with write access to the file deletes the dismissal (the newest links after it go too) and moves the
        // head back to the link before it: consistent with itself, but it no longer extends the checkpoint.
        let rows = try sqliteShell(store, "SELECT seq || ' ' || json_extract(payload, '$.audit.hash') FROM events WHERE type LIKE 'exception.%' ORDER BY seq")
        let links = rows.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        guard links.count == 5, links.allSatisfy({ $0.count == 2 }) else { return XCTFail("expected 5 links, got \(rows)") }
        _ = try sqliteShell(store, "DELETE FROM events WHERE seq >= \(links[2][0]); UPDATE audit_head SET hash = '\(links[1][1])', seq = \(links[1][0])")
        let selfConsistent = try runner.run(["audit", "verify", "--store", store])
        XCTAssertEqual(selfConsistent.status, 0, "without a checkpoint the truncated log looks intact: \(selfConsistent.standardOutput)")
        let caught = try runner.run(["audit", "verify", "--store", store, "--checkpoint", path("checkpoints.txt")])
        XCTAssertEqual(caught.status, 1)
        XCTAssertTrue(caught.standardOutput.contains("the log no longer extends the checkpoint"), caught.standardOutput)
    }

    /// In a real terminal (tmux): a hostile file name in ingest errors and `rejected list`, and a hostile trace
    /// argument, neither set the window title nor clear the screen.
    func testAHostileFileNameDoesNotDriveARealTerminal() throws {
        try ConsoleTmuxSession.requireTmux()
        let name = "\u{1B}]0;pwned\u{07}\u{1B}[2Jx.jsonl"
        try "not json\n".write(toFile: directory.appendingPathComponent(name).path, atomically: true, encoding: .utf8)
        let session = try ConsoleTmuxSession(width: 120, height: 30, environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        let before = try session.paneTitle()
        let store = path("store.sqlite")
        try session.type("cd '\(directory.path)' && \(CommandRunner.executable) ingest --store \(store) ./*x.jsonl; "
                         + "\(CommandRunner.executable) rejected list --store \(store); "
                         + "\(CommandRunner.executable) trace --store \(store) \"$(printf 'NOPE\\033]0;pwned\\007')\"; echo done-$((40+2))",
                         enter: true)
        let screen = try session.waitFor("done-42")
        XCTAssertTrue(screen.contains("./x.jsonl:1: invalid JSON"), screen)
        XCTAssertTrue(screen.contains("no events with correlation id NOPE"), screen)
        XCTAssertEqual(try session.paneTitle(), before, "the pane title was changed")
        XCTAssertNotEqual(try session.paneTitle(), "pwned")
    }
}
