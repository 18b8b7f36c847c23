import Foundation
import XCTest

/// Issue 20 from the command line, as a finance analyst and a support engineer would use it: two identities,
/// a concurrent ingest between preview and confirm, exit codes a script can act on.
final class MoneyDecisionCommandTests: XCTestCase {
    var directory: URL!
    var store: String { directory.appendingPathComponent("store.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-money-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try ingest([
            Self.failed("evt-failed-X1"), Self.failed("evt-failed-X2"),
            Self.raised("X1", failedEvent: "evt-failed-X1", amount: "2500.00"),
            Self.raised("X2", failedEvent: "evt-failed-X2", amount: "400.00", currency: "USD"),
            Self.raised("X3", amount: "90.00", currency: "JPY"),
            Self.raised("X4", kind: "rate_mismatch", amount: "120.00", currency: "USD"),
        ])
        // Several people on one OS account: the store lets $SIGNALBOX_USER name them.
        let allow = try CommandRunner().run(["actors", "--allow-named", "--store", store])
        XCTAssertEqual(allow.status, 0, allow.standardError)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    static func raised(_ id: String, kind: String = "ambiguous_customer_mapping", failedEvent: String? = nil,
                       amount: String, currency: String = "EUR") -> String {
        let failed = failedEvent.map { #","failed_event_id":"\#($0)""# } ?? ""
        return #"{"event_id":"raise-\#(id)","type":"exception.raised","occurred_at":"2026-11-20T08:00:00Z","source":"MIDDLEWARE","correlation_id":"C-\#(id)","data":{"exception_id":"\#(id)","kind":"\#(kind)","severity":"high","summary":"Globex matches two ERP customers"\#(failed),"amount_at_risk":"\#(amount)","currency":"\#(currency)","subject":{"system":"CRM","key":"GLOBEX","name":"Globex"},"candidates":[{"system":"ERP","key":"C-100","name":"Globex Ltd","score":0.93},{"system":"ERP","key":"C-200","name":"Globex GmbH","score":0.71}]}}"#
    }

    static func failed(_ id: String) -> String {
        #"{"event_id":"\#(id)","type":"project.provisioning_failed","occurred_at":"2026-11-20T07:59:00Z","source":"PSA","correlation_id":"C-\#(id)","data":{"contract_id":"C-\#(id)","attempt":1,"reason_code":"PSA_TIMEOUT","message":"timed out"}}"#
    }

    @discardableResult
    private func ingest(_ lines: [String], expecting status: Int32 = 0) throws -> CommandRunner.Result {
        let file = directory.appendingPathComponent("in-\(UUID().uuidString).jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try user("mw").run(["ingest", "--store", store, file])
        XCTAssertEqual(result.status, status, result.standardError + result.standardOutput)
        return result
    }

    private func user(_ name: String) -> CommandRunner {
        var runner = CommandRunner()
        runner.environment["SIGNALBOX_USER"] = name
        runner.environment["XDG_STATE_HOME"] = directory.appendingPathComponent("state-\(name)").path
        return runner
    }

    private func show(_ id: String) throws -> [String: Any] {
        let result = try user("viewer").run(["exceptions", "show", id, "--json", "--store", store])
        XCTAssertEqual(result.status, 0, result.standardError)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    private func digest(in preview: String) throws -> String {
        let line = try XCTUnwrap(preview.split(separator: "\n").first { $0.hasPrefix("plan ") }, preview)
        return String(line.dropFirst("plan ".count))
    }

    private let resolveGlobex = ["exceptions", "resolve", "--subject", "CRM/GLOBEX", "--target-key", "C-100"]

    // Finding 1: an exception ingested between preview and confirm is never written by the confirmation.
    func testAConfirmationRefusesWhenTheSetChangedSinceThePreview() throws {
        let alice = user("alice")
        let preview = try alice.run(resolveGlobex + ["--store", store])
        XCTAssertEqual(preview.status, 0, preview.standardError)
        for id in ["X1", "X2", "X3"] { XCTAssertTrue(preview.standardOutput.contains(id), preview.standardOutput) }
        XCTAssertTrue(preview.standardOutput.contains("would resolve 3 open exception(s)"), preview.standardOutput)
        XCTAssertTrue(preview.standardOutput.contains("USD 400.00"), preview.standardOutput)
        let plan = try digest(in: preview.standardOutput)

        try ingest([Self.raised("X9", amount: "777000.00")])
        let refused = try alice.run(resolveGlobex + ["--yes", "--plan", plan, "--store", store])
        XCTAssertEqual(refused.status, 75, refused.standardError)
        XCTAssertTrue(refused.standardError.contains("the set changed since the preview: +X9"), refused.standardError)
        for id in ["X1", "X2", "X3", "X9"] { XCTAssertEqual(try show(id)["state"] as? String, "open", id) }

        let again = try alice.run(resolveGlobex + ["--store", store])
        let confirmed = try alice.run(resolveGlobex + ["--yes", "--plan", try digest(in: again.standardOutput), "--store", store])
        XCTAssertEqual(confirmed.status, 0, confirmed.standardError)
        for id in ["X1", "X2", "X3", "X9"] {
            XCTAssertTrue(confirmed.standardOutput.contains("resolved \(id)\n"), confirmed.standardOutput)
        }
    }

    // Findings 2 and 3: what the rules refuse is listed apart, not counted, and never written; every id is reported.
    func testThePreviewSetsRefusedExceptionsApartAndTheWriteReportsEveryID() throws {
        let bob = user("bob"), alice = user("alice")
        XCTAssertEqual(try bob.run(["exceptions", "claim", "X2", "--store", store]).status, 0)
        let preview = try alice.run(resolveGlobex + ["--store", store])
        XCTAssertTrue(preview.standardOutput.contains("would resolve 2 open exception(s)"), preview.standardOutput)
        XCTAssertTrue(preview.standardOutput.contains("not included: 2 the rules refuse"), preview.standardOutput)
        XCTAssertTrue(preview.standardOutput.contains("claimed by bob"), preview.standardOutput)
        XCTAssertTrue(preview.standardOutput.contains("rate_mismatch exception is not a mapping problem"), preview.standardOutput)

        let applied = try alice.run(resolveGlobex + ["--yes", "--plan", try digest(in: preview.standardOutput), "--store", store])
        XCTAssertEqual(applied.status, 0, applied.standardError)
        XCTAssertTrue(applied.standardOutput.contains("resolved X1\nresolved X3\n"), applied.standardOutput)
        XCTAssertTrue(applied.standardOutput.contains("not included X2: claimed by bob"), applied.standardOutput)
        XCTAssertTrue(applied.standardOutput.contains("resolved 2 of 2 confirmed"), applied.standardOutput)
        XCTAssertEqual(try show("X4")["state"] as? String, "open", "a rate mismatch gets no customer mapping")
        XCTAssertEqual(try show("X2")["state_label"] as? String, "claimed by bob")
    }

    // Finding 13
    func testExitCodesTellNotFoundRefusedAndChangedApart() throws {
        let alice = user("alice"), bob = user("bob")
        XCTAssertEqual(try alice.run(["exceptions", "claim", "X404", "--store", store]).status, 67)
        XCTAssertEqual(try alice.run(["reprocess", "approve", "RQ-404", "--store", store]).status, 67)
        let seen = try XCTUnwrap(try show("X1")["version"] as? Int)
        XCTAssertEqual(try alice.run(["exceptions", "claim", "X1", "--store", store]).status, 0)
        XCTAssertEqual(try bob.run(["exceptions", "claim", "X1", "--store", store]).status, 65)
        XCTAssertEqual(try bob.run(["exceptions", "note", "X1", "hello", "--seen-version", String(seen), "--store", store]).status, 75)
    }

    // Findings 7 and 8
    func testReprocessRequestPrintsTheRequestIDAndClosingFirstCancelsIt() throws {
        let alice = user("alice")
        let requested = try alice.run(["reprocess", "request", "X1", "--store", store])
        XCTAssertEqual(requested.status, 0, requested.standardError)
        let requestID = try XCTUnwrap(((try show("X1")["reprocess_requests"]) as? [[String: Any]])?.first?["request_id"] as? String)
        XCTAssertTrue(requested.standardOutput.contains("request \(requestID)"), requested.standardOutput)
        XCTAssertTrue(requested.standardOutput.contains("signalbox reprocess approve \(requestID)"), requested.standardOutput)

        let missing = try alice.run(["reprocess", "request", "X3", "--store", store])
        XCTAssertEqual(missing.status, 65)
        XCTAssertTrue(missing.standardError.contains("names no failed event"), missing.standardError)

        XCTAssertEqual(try alice.run(["exceptions", "resolve", "X1", "--note", "fixed by hand", "--store", store]).status, 0)
        let list = try alice.run(["reprocess", "list", "--all", "--store", store])
        let row = try XCTUnwrap(list.standardOutput.split(separator: "\n").first { $0.contains(requestID) }, list.standardOutput)
        XCTAssertTrue(row.contains("cancelled"), String(row))
        XCTAssertEqual(try alice.run(["reprocess", "list", "--store", store]).standardOutput, "no reprocess requests\n")
    }

    // Finding 4
    func testAPolicyChangeIsAValidatedAuditedDecisionOfTheStoresOwner() throws {
        let alice = user("alice")
        let noCurrency = try alice.run(["reprocess", "policy", "--self-approval-below", "500", "--store", store])
        XCTAssertEqual(noCurrency.status, 65)
        XCTAssertTrue(noCurrency.standardError.contains("needs its currency"), noCurrency.standardError)
        XCTAssertEqual(try alice.run(["reprocess", "policy", "--self-approval-below", "500", "--currency", "usd", "--store", store]).status, 65)
        XCTAssertEqual(try alice.run(["reprocess", "policy", "--self-approval-below", "500", "--currency", "XYZ1", "--store", store]).status, 65)
        XCTAssertEqual(try alice.run(["reprocess", "policy", "--currency", "GBP", "--store", store]).status, 64)
        XCTAssertEqual(try alice.run(["reprocess", "policy", "--strict", "--self-approval-below", "5", "--store", store]).status, 64)

        let changed = try alice.run(["reprocess", "policy", "--self-approval-below", "500", "--currency", "USD", "--store", store])
        XCTAssertEqual(changed.status, 0, changed.standardError)
        let audit = try alice.run(["audit", "list", "--store", store])
        XCTAssertTrue(audit.standardOutput.contains("reprocess policy changed by alice: four eyes → four eyes, self-approval below USD 500.00"),
                      audit.standardOutput)
        XCTAssertEqual(try alice.run(["audit", "verify", "--store", store]).status, 0)

        // Self-approval never crosses currencies: X2 (USD 400) may be self-approved, X1 (EUR 2500) not.
        XCTAssertEqual(try alice.run(["reprocess", "request", "X2", "--store", store]).status, 0)
        let x2Request = try XCTUnwrap(((try show("X2")["reprocess_requests"]) as? [[String: Any]])?.first?["request_id"] as? String)
        XCTAssertEqual(try alice.run(["reprocess", "approve", x2Request, "--store", store]).status, 0)

        // Another OS user (not the store file's owner) may not change it, whatever SIGNALBOX_USER says.
        try makeSharedWithOtherUser()
        var mallory = user("mallory")
        mallory.environment["HOME"] = directory.path
        let refused = try mallory.runAs("postgres", ["reprocess", "policy", "--self-approval-below", "1000000", "--currency", "USD",
                                                     "--store", store])
        XCTAssertEqual(refused.status, 77, refused.standardError)
        XCTAssertTrue(refused.standardError.contains("may not change the reprocess policy"), refused.standardError)
        let policy = try alice.run(["reprocess", "policy", "--store", store])
        XCTAssertTrue(policy.standardOutput.contains("below USD 500.00"), policy.standardOutput)
    }

    // Finding 10
    func testMoneyFinerThanACentIsRejectedAtIngestNamingLineAndField() throws {
        let result = try ingest([Self.raised("X7", amount: "499.999")], expecting: 65)
        XCTAssertTrue(result.standardOutput.contains("rejected 1"), result.standardOutput)
        let listed = try user("viewer").run(["rejected", "list", "--store", store])
        XCTAssertTrue(listed.standardOutput.contains(":1: data.amount_at_risk"), listed.standardOutput)
        XCTAssertTrue(listed.standardOutput.contains("more than two decimal places"), listed.standardOutput)
        XCTAssertEqual(try user("viewer").run(["exceptions", "show", "X7", "--store", store]).status, 67)
    }

    // Finding 11
    func testAmountsSortByCurrencyThenAmount() throws {
        try ingest([Self.raised("X5", kind: "posting_failed", amount: "50.00", currency: "USD")])
        let listed = try user("viewer").run(["exceptions", "list", "--sort", "amount", "--json", "--store", store])
        let ids = try listed.standardOutput.split(separator: "\n").map { line in
            try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["exception_id"] as? String)
        }
        XCTAssertEqual(ids, ["X1", "X3", "X5", "X4", "X2"])
    }

    // Finding 12
    func testAuditListPrintsWhatWasDecided() throws {
        let alice = user("alice")
        XCTAssertEqual(try alice.run(["exceptions", "resolve", "X4", "--note", "rate card corrected in PSA", "--store", store]).status, 0)
        XCTAssertEqual(try alice.run(["exceptions", "resolve", "X1", "--candidate", "2", "--store", store]).status, 0)
        XCTAssertEqual(try alice.run(["exceptions", "dismiss", "X3", "--reason", "test customer", "--store", store]).status, 0)
        let audit = try alice.run(["audit", "list", "--store", store]).standardOutput
        XCTAssertTrue(audit.contains("exception X4 resolved by alice — note: rate card corrected in PSA"), audit)
        XCTAssertTrue(audit.contains("exception X1 resolved by alice: mapped CRM/GLOBEX → ERP/C-200"), audit)
        XCTAssertTrue(audit.contains("exception X3 dismissed by alice: test customer"), audit)
    }

    // Findings 5, 6 and 9: the simulator answers an approval after it was made, counts its first step, and a
    // replay of an event that is not in the store fails.
    func testSimulateAnswersApprovalsAfterTheyWereMadeAndFailsReplaysOfMissingEvents() throws {
        let alice = user("alice"), bob = user("bob")
        for id in ["X1", "X2"] {
            XCTAssertEqual(try alice.run(["reprocess", "request", id, "--store", store]).status, 0)
            let request = try XCTUnwrap(((try show(id)["reprocess_requests"]) as? [[String: Any]])?.first?["request_id"] as? String)
            XCTAssertEqual(try bob.run(["reprocess", "approve", request, "--store", store]).status, 0)
        }
        try sqlite("DELETE FROM events WHERE event_id = 'evt-failed-X2'")
        let simulated = try user("sim").run(["simulate", "--duration", "1s", "--rate", "1", "--store", store])
        XCTAssertEqual(simulated.status, 0, simulated.standardError)
        XCTAssertTrue(simulated.standardError.contains("2 replays"), simulated.standardError)

        for id in ["X1", "X2"] {
            let history = try XCTUnwrap(try show(id)["history"] as? [[String: Any]])
            // To the second: RFC 3339 texts with and without fractions do not compare as text.
            func second(_ entry: [String: Any]) -> String { String((entry["at"] as? String ?? "").prefix(19)) }
            let approval = try XCTUnwrap(history.firstIndex { ($0["description"] as? String)?.hasPrefix("approved") == true },
                                         "\(history)")
            for entry in history[approval...] {
                XCTAssertGreaterThanOrEqual(second(entry), second(history[approval]), "\(id): \(entry)")
            }
        }
        let x2 = try XCTUnwrap(((try show("X2")["reprocess_requests"]) as? [[String: Any]])?.first)
        XCTAssertEqual(x2["status"] as? String, "failed")
        XCTAssertEqual(try show("X2")["state"] as? String, "claimed", "a failed replay does not resolve")
    }

    private func sqlite(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [store, sql]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }

    /// Lets the `postgres` OS user open the store for writing (directory and files writable), as a shared store would be.
    private func makeSharedWithOtherUser() throws {
        let files = [directory.path] + (try FileManager.default.contentsOfDirectory(atPath: directory.path)).map {
            directory.appendingPathComponent($0).path
        }
        for file in files { try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: file) }
    }
}

extension CommandRunner {
    /// Runs as another OS user (through `runuser`, as root), with this runner's environment.
    func runAs(_ osUser: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        process.arguments = ["-u", osUser, "--", "/usr/bin/env"] + environment.map { "\($0.key)=\($0.value)" }
            + [Self.executable] + arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData, as: UTF8.self))
    }
}
