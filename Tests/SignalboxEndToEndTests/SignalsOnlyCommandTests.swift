import Foundation
import SignalboxCore
import XCTest

/// A JSON document that is not an object.
private struct NotAnObject: Error { let value: JSONValue }

/// `signalbox signals --only KEY[,KEY…]`: only the named sections, in JSON, text and `--check`.
final class SignalsOnlyCommandTests: SignalsCommandTestCase {
    private func signals(_ arguments: [String]) throws -> CommandRunner.Result {
        var runner = CommandRunner()
        runner.environment["XDG_CONFIG_HOME"] = path("config")
        return try runner.run(["signals", "--as-of", "2026-11-20T12:00:00Z"] + arguments)
    }

    private func object(_ text: String) throws -> JSONObject {
        let value = try JSONParser.parse(Array(text.utf8))
        guard case .object(let object) = value else { throw NotAnObject(value: value) }
        return object
    }

    func testTheJSONHoldsExactlyTheChosenSectionsAndEachEqualsTheFullDocuments() throws {
        let store = try store()
        let full = try object(try signals(["--json", "--store", store]).standardOutput)
        XCTAssertEqual(full.keys, ["as_of", "window_seconds"] + SignalSections.allKeys, "without --only: every section")
        let chosen = try signals(["--json", "--store", store, "--only", "throughput,exceptions", "--only", "invoice_to_cash"])
        XCTAssertEqual(chosen.status, 0, chosen.standardError)
        let part = try object(chosen.standardOutput)
        XCTAssertEqual(part.keys, ["as_of", "window_seconds", "exceptions", "invoice_to_cash", "throughput"], "the document's order")
        for key in part.keys { XCTAssertEqual(part[key], full[key], key) }
    }

    func testTheTextShowsOnlyTheChosenSections() throws {
        let result = try signals(["--store", try store(), "--only", "exceptions"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("Exception backlog"), result.standardOutput)
        for absent in ["Activation latency", "Throughput", "Invoice to cash", "Reconciliation"] {
            XCTAssertFalse(result.standardOutput.contains(absent), "\(absent) in \(result.standardOutput)")
        }
    }

    func testAnUnknownKeyIsAUsageErrorNamingItAndTheValidOnes() throws {
        let result = try signals(["--json", "--store", try store(), "--only", "exceptions,unbilled"])
        XCTAssertEqual(result.status, 64, result.standardError)
        XCTAssertTrue(result.standardError.contains("unknown section \"unbilled\""), result.standardError)
        XCTAssertTrue(result.standardError.contains(SignalSections.allKeys.joined(separator: ", ")), result.standardError)
        XCTAssertEqual(result.standardOutput, "", "nothing printed")
    }

    func testTheCheckJudgesOnlyTheChosenSections() throws {
        try "thresholds:\n  exceptions:\n    open: {warn: 0, breach: 5}\n"
            .write(toFile: path("config/signalbox/config.yaml"), atomically: true, encoding: .utf8)
        let store = try store()
        XCTAssertEqual(try signals(["--check", "--store", store]).status, 1, "the exception backlog warns")
        let result = try signals(["--check", "--store", store, "--only", "throughput,invoice_to_cash"])
        XCTAssertEqual(result.status, 0, result.standardOutput + result.standardError)
        let line = result.standardOutput.trimmingCharacters(in: .newlines)
        XCTAssertTrue(line.hasPrefix("SIGNALBOX OK - 2 signals within thresholds | "), line)
        let labels = line.split(separator: "|")[1].split(separator: " ").map { String($0.prefix { $0 != "=" }) }
        XCTAssertEqual(labels, ["invoice_to_cash_p90", "outstanding_EUR", "throughput_events"], line)
    }
}
