import Foundation
import XCTest

/// `signalbox NAME …` is parsed by the subcommand itself; what the user sees must be what the root's parse shows:
/// the same help, the same errors, the same `--version`.
final class SubcommandDispatchCommandTests: XCTestCase {
    /// Every command's help, asked of the command (`signalbox exceptions list --help`), is the help the root prints
    /// for it (`signalbox help exceptions list`).
    func testEveryCommandsHelpIsTheRootsHelpForIt() throws {
        let paths = try commandPaths()
        XCTAssertTrue(paths.contains(["signals"]) && paths.contains(["exceptions", "resolve"]), "\(paths)")
        for path in paths {
            let asked = try CommandRunner().run(path + ["--help"])
            let rootsHelp = try CommandRunner().run(["help"] + path)
            XCTAssertEqual(asked.status, 0, "\(path): \(asked.standardError)")
            XCTAssertEqual(asked.standardOutput, rootsHelp.standardOutput, "\(path)")
            XCTAssertTrue(asked.standardOutput.contains("USAGE: signalbox \(path.joined(separator: " "))"), asked.standardOutput)
        }
        // A group answers `help` as the root does: `signalbox exceptions help resolve`.
        let groupsHelp = try CommandRunner().run(["exceptions", "help", "resolve"])
        XCTAssertEqual(groupsHelp.status, 0, groupsHelp.standardError)
        XCTAssertEqual(groupsHelp.standardOutput, try CommandRunner().run(["help", "exceptions", "resolve"]).standardOutput)
    }

    /// A usage error names the command under `signalbox`, as the root's parse does, with the root's exit status.
    func testAUsageErrorIsReportedAsTheRootReportsIt() throws {
        let unknown = try CommandRunner().run(["exceptions", "list", "--bogus"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertEqual(unknown.standardError, """
            Error: Unknown option '--bogus'
            Usage: signalbox exceptions list <options>
              See 'signalbox exceptions list --help' for more information.

            """)
        let invalid = try CommandRunner().run(["signals", "--json", "--check"])
        XCTAssertEqual(invalid.status, 64)
        XCTAssertTrue(invalid.standardError.hasPrefix("Error: --check and --json are exclusive"), invalid.standardError)
        XCTAssertTrue(invalid.standardError.contains("See 'signalbox signals --help' for more information."), invalid.standardError)

        // No arguments at all: the missing one is named, not the whole help printed as for a bare command.
        let bare = try CommandRunner().run(["trace"])
        XCTAssertEqual(bare.status, 64)
        XCTAssertTrue(bare.standardError.hasPrefix("Error: Missing expected argument '<id>'"), bare.standardError)
        XCTAssertFalse(bare.standardError.contains("OVERVIEW"), bare.standardError)
    }

    /// `--version` after a command prints the version; `--generate-completion-script` after one is still the root's.
    func testTheVersionAndCompletionScriptsAfterACommand() throws {
        for path in [["signals"], ["exceptions", "list"]] {
            let version = try CommandRunner().run(path + ["--version"])
            XCTAssertEqual(version.status, 0, version.standardError)
            XCTAssertEqual(version.standardOutput, "0.1.0\n")
        }
        let completion = try CommandRunner().run(["signals", "--generate-completion-script", "bash"])
        XCTAssertEqual(completion.status, 0, completion.standardError)
        XCTAssertTrue(completion.standardOutput.contains("_signalbox()"), String(completion.standardOutput.prefix(200)))
    }

    /// Every command's path (`["exceptions", "list"]`), from the root's help dump.
    private func commandPaths() throws -> [[String]] {
        struct Command: Decodable {
            var commandName: String
            var subcommands: [Command]?
        }
        struct Dump: Decodable { var command: Command }
        let dump = try CommandRunner().run(["--experimental-dump-help"])
        XCTAssertEqual(dump.status, 0, dump.standardError)
        let root = try JSONDecoder().decode(Dump.self, from: Data(dump.standardOutput.utf8)).command
        func paths(_ command: Command, under path: [String]) -> [[String]] {
            (command.subcommands ?? []).filter { $0.commandName != "help" }.flatMap { subcommand in
                [path + [subcommand.commandName]] + paths(subcommand, under: path + [subcommand.commandName])
            }
        }
        return paths(root, under: [])
    }
}
