import XCTest

/// Typed option values: the parser refuses a bad value before anything is opened, naming the option, and `--help`
/// lists the values an enumeration takes.
final class OptionValueTests: XCTestCase {
    private let runner = CommandRunner()

    func testHelpListsTheValuesOfEveryEnumeratedOption() throws {
        let list = try runner.run(["exceptions", "list", "--help"])
        XCTAssertEqual(list.status, 0, list.standardError)
        let help = list.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(help.contains("(values: low, medium, high, critical)"), help)
        XCTAssertTrue(help.contains("(values: open, claimed, pending_approval, reprocessing, resolved, dismissed)"), help)
        XCTAssertTrue(help.contains("ambiguous_customer_mapping"), help)
        XCTAssertTrue(help.contains("(values: age, kind, severity, subject, contract, amount, state, assignee; default: age)"), help)
        let console = try runner.run(["console", "--help"])
        XCTAssertTrue(console.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .contains("(values: auto, always, never; default: auto)"), console.standardOutput)
    }

    func testHelpShowsTheWindowsDefaultAsItIsWritten() throws {
        for command in [["signals"], ["reconcile"]] {
            let result = try runner.run(command + ["--help"])
            XCTAssertEqual(result.status, 0, result.standardError)
            let help = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(help.contains("--window <length> Window length: 90s, 30m, 36h, 7d, 2w. (default: 7d)"), help)
        }
    }

    func testTheParserRefusesBadValuesNamingTheOption() throws {
        let store = NSTemporaryDirectory() + "option-values-\(UUID().uuidString).sqlite"
        let cases: [(arguments: [String], option: String)] = [
            (["signals", "--window", "7x"], "--window <length>"),
            (["signals", "--as-of", "yesterday"], "--as-of <time>"),
            (["exceptions", "list", "--kind", "nope"], "--kind <kind>"),
            (["exceptions", "list", "--severity", "urgent"], "--severity <severity>"),
            (["exceptions", "list", "--state", "closed"], "--state <state>"),
            (["exceptions", "list", "--sort", "size"], "--sort <sort>"),
            (["exceptions", "list", "--subject", "CRM"], "--subject <system/key>"),
            (["exceptions", "resolve", "--subject", "/KEY", "--target-key", "K"], "--subject <system/key>"),
            (["console", "--color", "sometimes"], "--color <when>"),
            (["generate", "--seed", "1", "--contracts", "1", "--from", "2026-02-30", "--to", "2026-03-01"],
             "--from <yyyy-mm-dd>"),
            (["simulate", "--speed", "0x"], "--speed <factor>"),
            (["reprocess", "policy", "--self-approval-below", "ten"], "--self-approval-below <self-approval-below>"),
        ]
        for entry in cases {
            let takesStore = entry.arguments[0] != "generate"
            let result = try runner.run(entry.arguments + (takesStore ? ["--store", store] : []))
            XCTAssertEqual(result.status, 64, "\(entry.arguments): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("is invalid for '\(entry.option)'"), "\(entry.arguments): \(result.standardError)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: store), "a refused command opens no store")
    }
}
