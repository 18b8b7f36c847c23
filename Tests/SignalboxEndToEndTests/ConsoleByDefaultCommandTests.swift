import XCTest

/// `signalbox` alone, or with the console's options only, is the console; what names a subcommand, asks for help or
/// the version, or is a stray word goes to the root command.
final class ConsoleByDefaultCommandTests: XCTestCase {
    func testOptionsAloneAreTheConsoles() throws {
        let help = try CommandRunner().run(["--store", "/nonexistent/store.sqlite", "--help"])
        XCTAssertEqual(help.status, 0, help.standardError)
        XCTAssertTrue(help.standardOutput.contains("USAGE: signalbox console"), help.standardOutput)

        // Alone: the console's own default store, which this environment does not have.
        let alone = try CommandRunner(environment: ["XDG_DATA_HOME": "/nonexistent-data"]).run([])
        XCTAssertEqual(alone.status, 66, alone.standardError)
        XCTAssertTrue(alone.standardError.contains("no store at /nonexistent-data/signalbox/store.sqlite"), alone.standardError)
        let readOnly = try CommandRunner().run(["--store=/nonexistent/store.sqlite", "--read-only"])
        XCTAssertEqual(readOnly.status, 66, readOnly.standardError)
        XCTAssertTrue(readOnly.standardError.contains("no store at /nonexistent/store.sqlite"), readOnly.standardError)
        let unknown = try CommandRunner().run(["--bogus"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.standardError.contains("See 'signalbox console --help'"), unknown.standardError)
    }

    func testTheRootAnswersHelpTheVersionAndStrayWords() throws {
        let version = try CommandRunner().run(["--version"])
        XCTAssertEqual(version.standardOutput, "0.1.0\n")
        for arguments in [["--help"], ["-h"], ["help"]] {
            let help = try CommandRunner().run(arguments)
            XCTAssertEqual(help.status, 0, "\(arguments): \(help.standardError)")
            XCTAssertTrue(help.standardOutput.contains("USAGE: signalbox <subcommand>"), "\(arguments): \(help.standardOutput)")
        }
        let signals = try CommandRunner().run(["help", "signals"])
        XCTAssertTrue(signals.standardOutput.contains("USAGE: signalbox signals"), signals.standardOutput)
        let typo = try CommandRunner().run(["signls"])
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.standardError.contains("Unexpected argument 'signls'"), typo.standardError)
        XCTAssertTrue(typo.standardError.contains("See 'signalbox --help'"), typo.standardError)
    }
}
