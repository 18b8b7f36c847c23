import Foundation
import XCTest

/// Issue 20, finding 5, at the door: a middleware's file reporting a replay's outcome dated before the approval it
/// answers is refused at ingest, naming the line, the field and why, unless within the clock skew the operator
/// tolerates (`--clock-skew`).
final class OutcomeCausalityCommandTests: XCTestCase {
    var directory: URL!
    var store: String { directory.appendingPathComponent("store.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-causality-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func write(_ lines: [String], to name: String) throws -> String {
        let file = directory.appendingPathComponent(name).path
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    private func user(_ name: String) -> CommandRunner {
        var runner = CommandRunner()
        runner.environment["SIGNALBOX_USER"] = name
        return runner
    }

    func testACompletionDatedBeforeItsApprovalIsRejectedBeyondTheToleratedSkew() throws {
        let setup = try write([MoneyDecisionCommandTests.failed("evt-failed-X1"),
                               MoneyDecisionCommandTests.raised("X1", failedEvent: "evt-failed-X1", amount: "2500.00")],
                              to: "raise.jsonl")
        XCTAssertEqual(try CommandRunner().run(["ingest", "--store", store, setup]).status, 0)
        XCTAssertEqual(try CommandRunner().run(["actors", "--allow-named", "--store", store]).status, 0)
        XCTAssertEqual(try user("alice").run(["reprocess", "request", "X1", "--store", store]).status, 0)
        let list = try CommandRunner().run(["reprocess", "list", "--store", store])
        let requestID = try XCTUnwrap(list.standardOutput.split(separator: "\n").dropFirst().first?.split(separator: " ").first,
                                      list.standardOutput)
        let approved = try user("bob").run(["reprocess", "approve", String(requestID), "--store", store])
        XCTAssertEqual(approved.status, 0, approved.standardError)

        // The approval is stamped now; the middleware's file says the replay ran an hour earlier.
        let anHourAgo = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3600))
        let completion = #"{"event_id":"replay-X1","type":"reprocess.completed","occurred_at":"\#(anHourAgo)","source":"MIDDLEWARE","correlation_id":"C-X1","data":{"request_id":"\#(requestID)","outcome":"succeeded"}}"#
        let outcome = try write([completion], to: "outcome.jsonl")
        let refused = try CommandRunner().run(["ingest", "--store", store, outcome])
        XCTAssertEqual(refused.status, 65, refused.standardError)
        XCTAssertEqual(refused.standardOutput, "accepted 0, duplicates 0, rejected 1\n")
        let resent = try write([completion], to: "resent.jsonl")
        let tooLittle = try CommandRunner().run(["ingest", "--clock-skew", "30m", "--store", store, resent])
        XCTAssertEqual(tooLittle.status, 65, tooLittle.standardError)
        let reasons = try CommandRunner().run(["rejected", "list", "--store", store]).standardOutput
        XCTAssertTrue(reasons.contains("outcome.jsonl:1: occurred_at: \(anHourAgo) is before the approval it answers ("), reasons)
        XCTAssertTrue(reasons.contains(", by bob), and no clock skew is tolerated (signalbox ingest --clock-skew)"), reasons)
        XCTAssertTrue(reasons.contains("resent.jsonl:1: occurred_at: \(anHourAgo) is before the approval it answers ("), reasons)
        XCTAssertTrue(reasons.contains(", by bob), beyond the tolerated clock skew of 30m 00s (signalbox ingest --clock-skew)"),
                      reasons)
        let requests = try CommandRunner().run(["reprocess", "list", "--all", "--store", store]).standardOutput
        XCTAssertTrue(requests.contains("approved"), "still awaiting its outcome: \(requests)")

        let tolerated = try CommandRunner().run(["ingest", "--clock-skew", "2h", "--store", store, outcome])
        XCTAssertEqual(tolerated.status, 0, tolerated.standardError)
        XCTAssertEqual(tolerated.standardOutput, "accepted 1, duplicates 0, rejected 0\n")
        let after = try CommandRunner().run(["reprocess", "list", "--all", "--store", store]).standardOutput
        XCTAssertTrue(after.contains("succeeded"), after)
    }
}
