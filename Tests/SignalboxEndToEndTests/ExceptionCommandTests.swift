import Foundation
import XCTest

/// The exception queue from the command line, as two users on one store.
final class ExceptionCommandTests: XCTestCase {
    var directory: URL!
    var store: String { directory.appendingPathComponent("store.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-exc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let lines = [
            MoneyDecisionCommandTests.failed("evt-failed-1"),
            Self.raised("X1", failedEvent: "evt-failed-1", amount: "2500.00"),
            Self.raised("X2", failedEvent: nil, amount: nil),
            Self.raised("X3", failedEvent: nil, amount: nil),
        ]
        let file = directory.appendingPathComponent("exceptions.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let ingest = try user("mw").run(["ingest", "--store", store, file])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)
        // alice, bob and carol share this machine's OS account: the store must say they may be named.
        let allow = try user("mw").run(["actors", "--allow-named", "--store", store])
        XCTAssertEqual(allow.status, 0, allow.standardError)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    static func raised(_ id: String, failedEvent: String?, amount: String?) -> String {
        let failed = failedEvent.map { #","failed_event_id":"\#($0)""# } ?? ""
        let money = amount.map { #","amount_at_risk":"\#($0)","currency":"EUR""# } ?? ""
        return #"{"event_id":"raise-\#(id)","type":"exception.raised","occurred_at":"2026-11-20T08:00:00Z","source":"MIDDLEWARE","correlation_id":"C-9","data":{"exception_id":"\#(id)","kind":"ambiguous_customer_mapping","severity":"high","summary":"Globex matches two ERP customers"\#(failed)\#(money),"subject":{"system":"CRM","key":"GLOBEX","name":"Globex"},"candidates":[{"system":"ERP","key":"C-100","name":"Globex Ltd","score":0.93},{"system":"ERP","key":"C-200","name":"Globex GmbH","score":0.71}]}}"#
    }

    private func user(_ name: String) -> CommandRunner {
        var runner = CommandRunner()
        runner.environment["SIGNALBOX_USER"] = name
        return runner
    }

    private func show(_ id: String) throws -> [String: Any] {
        let result = try user("viewer").run(["exceptions", "show", id, "--json", "--store", store])
        XCTAssertEqual(result.status, 0, result.standardError)
        return try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as! [String: Any]
    }

    func testResolveAMappingRemembersItAndAppliesToAllWithAPreview() throws {
        let alice = user("alice")
        let resolved = try alice.run(["exceptions", "resolve", "X1", "--candidate", "1", "--store", store])
        XCTAssertEqual(resolved.status, 0, resolved.standardError)
        let x1 = try show("X1")
        XCTAssertEqual(x1["state"] as? String, "resolved")
        let mapping = (x1["resolution"] as? [String: Any])?["mapping"] as? [String: String]
        XCTAssertEqual(mapping, ["source_system": "CRM", "source_key": "GLOBEX", "target_system": "ERP", "target_key": "C-100"])

        let x2 = try show("X2")
        XCTAssertEqual((x2["suggestion"] as? [String: String])?["target_key"], "C-100", "the mapping is remembered")

        let preview = try alice.run(["exceptions", "resolve", "--subject", "CRM/GLOBEX", "--target-key", "C-100", "--store", store])
        XCTAssertEqual(preview.status, 0, preview.standardError)
        XCTAssertTrue(preview.standardOutput.contains("would resolve 2 open exception(s)"), preview.standardOutput)
        XCTAssertEqual(try show("X2")["state"] as? String, "open", "a preview writes nothing")

        let applied = try alice.run(["exceptions", "resolve", "--subject", "CRM/GLOBEX", "--target-key", "C-100", "--yes",
                                     "--store", store])
        XCTAssertEqual(applied.status, 0, applied.standardError)
        XCTAssertTrue(applied.standardOutput.contains("resolved 2 of 2"), applied.standardOutput)
        XCTAssertEqual(try show("X3")["state"] as? String, "resolved")

        let verify = try alice.run(["audit", "verify", "--store", store])
        XCTAssertEqual(verify.status, 0, verify.standardOutput)
        // Three raises by the middleware and six console actions: every change of an exception is audited.
        XCTAssertTrue(verify.standardOutput.contains("intact: 9 audited events"), verify.standardOutput)
    }

    func testReprocessNeedsASecondPersonAndIsApprovedOnce() throws {
        let alice = user("alice"), bob = user("bob"), carol = user("carol")
        XCTAssertEqual(try alice.run(["reprocess", "request", "X1", "--store", store]).status, 0)
        let requestID = try XCTUnwrap(((try show("X1")["reprocess_requests"]) as? [[String: Any]])?.first?["request_id"] as? String)

        let own = try alice.run(["reprocess", "approve", requestID, "--store", store])
        XCTAssertEqual(own.status, 65)
        XCTAssertTrue(own.standardError.contains("alice requested this; a different user must approve"), own.standardError)

        XCTAssertEqual(try bob.run(["reprocess", "approve", requestID, "--store", store]).status, 0)
        let again = try carol.run(["reprocess", "approve", requestID, "--store", store])
        XCTAssertEqual(again.status, 65)
        XCTAssertTrue(again.standardError.contains("already approved by bob"), again.standardError)

        let audit = try carol.run(["audit", "--store", store, "--json"])
        XCTAssertEqual(audit.standardOutput.components(separatedBy: "\"reprocess.approved\"").count - 1, 1)
        XCTAssertEqual(try show("X1")["state_label"] as? String, "reprocessing (approved by bob)")

        let policy = try alice.run(["reprocess", "policy", "--self-approval-below", "5000", "--currency", "EUR", "--store", store])
        XCTAssertEqual(policy.status, 0, policy.standardError)
        XCTAssertTrue(policy.standardOutput.contains("self-approval below EUR 5000"), policy.standardOutput)
    }

    func testTamperingWithTheAuditTrailIsDetectedAndNamed() throws {
        let alice = user("alice")
        XCTAssertEqual(try alice.run(["exceptions", "claim", "X1", "--store", store]).status, 0)
        XCTAssertEqual(try alice.run(["exceptions", "note", "X1", "called the customer", "--store", store]).status, 0)
        XCTAssertEqual(try alice.run(["exceptions", "dismiss", "X2", "--reason", "duplicate of X1", "--store", store]).status, 0)
        XCTAssertEqual(try alice.run(["audit", "verify", "--store", store]).status, 0)

        try sqlite("UPDATE events SET payload = replace(payload, 'called the customer', 'did nothing') WHERE type = 'exception.noted'")
        let edited = try alice.run(["audit", "verify", "--store", store])
        XCTAssertEqual(edited.status, 1)
        XCTAssertTrue(edited.standardOutput.contains("was edited"), edited.standardOutput)

        try sqlite("DELETE FROM events WHERE type = 'exception.noted'")
        let deleted = try alice.run(["audit", "verify", "--store", store])
        XCTAssertEqual(deleted.status, 1)
        XCTAssertTrue(deleted.standardOutput.contains("chain broken at audited event"), deleted.standardOutput)
    }

    /// Two users race for the same exception a hundred times: exactly one claim wins each round,
    /// nothing is lost, and every action is audited exactly once.
    func testRacingClaimsFromTwoProcessesNeverBothWin() throws {
        var wins = 0
        for _ in 1...25 {
            let version = try XCTUnwrap(try show("X3")["version"] as? Int)
            let racers = try ["alice", "bob"].map { name in
                try CommandRunner.Pending(user(name), ["exceptions", "claim", "X3", "--seen-version", String(version), "--store", store])
            }
            let results = racers.map { $0.wait() }
            let winners = results.filter { $0.status == 0 }
            XCTAssertEqual(winners.count, 1, results.map(\.standardError).joined())
            for loser in results where loser.status != 0 {
                XCTAssertTrue(loser.standardError.contains("changed by") || loser.standardError.contains("claimed by"),
                              loser.standardError)
            }
            guard let winner = winners.first else { continue }
            wins += 1
            let name = winner.standardOutput.contains("by alice") ? "alice" : "bob"
            XCTAssertEqual(try user(name).run(["exceptions", "release", "X3", "--store", store]).status, 0)
        }
        let audit = try user("viewer").run(["audit", "--store", store, "--json"])
        XCTAssertEqual(audit.standardOutput.components(separatedBy: "\"exception.claimed\"").count - 1, wins)
        XCTAssertEqual(audit.standardOutput.components(separatedBy: "\"exception.released\"").count - 1, wins)
        XCTAssertEqual(try user("viewer").run(["audit", "verify", "--store", store]).status, 0)
    }

    private func sqlite(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [store, sql]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
