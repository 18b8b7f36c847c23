import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// Who acts on a SQLite store from the command line: the OS account, not an environment variable.
final class ActingUserCommandTests: XCTestCase {
    var directory: URL!
    var store: String { directory.appendingPathComponent("store.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-actor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("exceptions.jsonl").path
        let lines = [ExceptionCommandTests.raised("X1", failedEvent: "evt-failed-1", amount: "2500.00"),
                     ExceptionCommandTests.raised("X2", failedEvent: nil, amount: nil)]
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let ingest = try runner(as: nil).run(["ingest", "--store", store, file])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func runner(as name: String?) -> CommandRunner {
        var runner = CommandRunner()
        runner.environment["SIGNALBOX_USER"] = name
        return runner
    }

    private var loginName: String {
        getpwuid(geteuid()).flatMap { $0.pointee.pw_name }.map { String(cString: $0) } ?? "uid\(geteuid())"
    }

    func testActionsAreRecordedAsTheOSAccountAndANamedActorIsRefusedUntilTheStoreAllowsIt() throws {
        let forged = try runner(as: "carol").run(["exceptions", "claim", "X1", "--store", store])
        XCTAssertEqual(forged.status, 77, "SIGNALBOX_USER=carol was accepted: \(forged.standardOutput)")
        XCTAssertTrue(forged.standardError.contains("acting as \"carol\" is refused"), forged.standardError)
        XCTAssertTrue(forged.standardError.contains("recorded as \"\(loginName)\""), forged.standardError)

        let claimed = try runner(as: nil).run(["exceptions", "claim", "X1", "--store", store])
        XCTAssertEqual(claimed.status, 0, claimed.standardError)
        XCTAssertTrue(claimed.standardOutput.hasSuffix("by \(loginName)\n"), claimed.standardOutput)
        let sameName = try runner(as: loginName).run(["exceptions", "note", "X1", "on it", "--store", store])
        XCTAssertEqual(sameName.status, 0, "naming yourself is no forgery: \(sameName.standardError)")

        let shown = try runner(as: nil).run(["actors", "--store", store])
        XCTAssertEqual(shown.status, 0, shown.standardError)
        XCTAssertEqual(shown.standardOutput, "you act as \(loginName) (OS account uid \(geteuid())); "
                       + "named actors refused: $SIGNALBOX_USER must be unset or \(loginName)\n")

        let allowed = try runner(as: nil).run(["actors", "--allow-named", "--store", store])
        XCTAssertEqual(allowed.status, 0, allowed.standardError)
        XCTAssertTrue(allowed.standardOutput.contains("named actors allowed"), allowed.standardOutput)
        let named = try runner(as: "carol").run(["exceptions", "claim", "X2", "--store", store])
        XCTAssertEqual(named.status, 0, named.standardError)
        XCTAssertTrue(named.standardOutput.hasSuffix("by carol\n"), named.standardOutput)

        let strict = try runner(as: nil).run(["actors", "--strict", "--store", store])
        XCTAssertEqual(strict.status, 0, strict.standardError)
        let refusedAgain = try runner(as: "carol").run(["exceptions", "release", "X2", "--store", store])
        XCTAssertEqual(refusedAgain.status, 77, refusedAgain.standardOutput)
    }

    /// The same store used by a second OS account: its actions carry that account's name, and it cannot borrow
    /// the first account's name either.
    func testASecondOSAccountActsUnderItsOwnName() throws {
        guard geteuid() == 0 else {
            if ProcessInfo.processInfo.environment["CI"] != nil { return XCTFail("needs root to create an OS user") }
            throw XCTSkip("needs root to create a second OS user")
        }
        let account = "sbx_actor"
        if getpwnam(account) == nil {
            let created = try runProgram("/usr/sbin/useradd", ["--system", "--no-create-home", account])
            XCTAssertEqual(created.status, 0, created.standardError)
        }
        // The store is shared with the second account (a group-writable directory would do the same).
        chmod(directory.path, 0o777)
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            chmod(directory.appendingPathComponent(file).path, 0o666)
        }
        let claimed = try runProgram("/usr/sbin/runuser", ["-u", account, "--", "/usr/bin/env", "-u", "SIGNALBOX_USER",
                                                           CommandRunner.executable, "exceptions", "claim", "X1", "--store", store])
        XCTAssertEqual(claimed.status, 0, claimed.standardError)
        XCTAssertTrue(claimed.standardOutput.hasSuffix("by \(account)\n"), claimed.standardOutput)
        let borrowed = try runProgram("/usr/sbin/runuser", ["-u", account, "--", "/usr/bin/env", "SIGNALBOX_USER=\(loginName)",
                                                            CommandRunner.executable, "exceptions", "note", "X1", "x", "--store", store])
        XCTAssertEqual(borrowed.status, 77, borrowed.standardOutput)
        XCTAssertTrue(borrowed.standardError.contains("recorded as \"\(account)\""), borrowed.standardError)
    }

    private func runProgram(_ path: String, _ arguments: [String]) throws -> CommandRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandRunner.Result(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                                    standardError: String(decoding: errorData, as: UTF8.self))
    }
}
