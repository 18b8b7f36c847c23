import Foundation
import XCTest

/// Two OS accounts share a SQLite store in a group-writable directory: the owner writes, a viewer only reads. The
/// viewer's reads must leave no `-wal`/`-shm` behind that the owner's next write cannot use.
final class SharedDirectoryTests: XCTestCase {
    static let group = "sbtestshare"
    static let owner = "sbtestowner"
    static let viewer = "sbtestviewer"
    private var directory: URL!

    override func setUpWithError() throws {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else {
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("CI runs as root with runuser: two OS users are needed") }
            throw XCTSkip("needs root and runuser to create and switch between two OS users")
        }
        try Self.shell("getent group \(Self.group) >/dev/null || groupadd \(Self.group)")
        for user in [Self.owner, Self.viewer] {
            try Self.shell("id \(user) >/dev/null 2>&1 || useradd -M -N -g users -G \(Self.group) -s /bin/sh \(user)")
        }
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("signalbox-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.shell("chgrp \(Self.group) '\(directory.path)' && chmod 2775 '\(directory.path)'")
        let first = ConsoleDemoEvents.lines.prefix(3).joined(separator: "\n")
        let second = ConsoleDemoEvents.lines.dropFirst(3).joined(separator: "\n")
        try first.write(to: directory.appendingPathComponent("first.jsonl"), atomically: true, encoding: .utf8)
        try second.write(to: directory.appendingPathComponent("second.jsonl"), atomically: true, encoding: .utf8)
        try Self.shell("chmod 0644 '\(directory.path)'/*.jsonl")
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func testAViewersReadsLeaveNothingTheOwnersWriterCannotUse() throws {
        let store = directory.appendingPathComponent("store.sqlite").path
        let ingest = try run(as: Self.owner, ["ingest", "--store", store, directory.appendingPathComponent("first.jsonl").path])
        XCTAssertEqual(ingest.status, 0, ingest.standardError)

        let read = try run(as: Self.viewer, ["signals", "--store", store, "--json"])
        XCTAssertEqual(read.status, 0, read.standardError)
        let trace = try run(as: Self.viewer, ["trace", "--store", store, "C-1"])
        XCTAssertEqual(trace.status, 0, trace.standardError)

        let again = try run(as: Self.owner, ["ingest", "--store", store, directory.appendingPathComponent("second.jsonl").path])
        let files = try listing()
        XCTAssertEqual(again.status, 0, "the owner's write after the viewer's read: \(again.standardError)\n\(files)")
        XCTAssertTrue(again.standardOutput.contains("accepted 2"), again.standardOutput)
        let afterwards = try run(as: Self.viewer, ["signals", "--store", store, "--json"])
        XCTAssertEqual(afterwards.status, 0, afterwards.standardError)
        XCTAssertTrue(afterwards.standardOutput.contains("\"open\":1"), afterwards.standardOutput)
    }

    /// Runs the built `signalbox` as `user` (umask 022, a clean environment).
    private func run(as user: String, _ arguments: [String]) throws -> CommandRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        process.arguments = ["-u", user, "--", "/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8",
                             "XDG_STATE_HOME=/tmp/\(user)-state", "/bin/sh", "-c", #"umask 022; exec "$0" "$@""#,
                             CommandRunner.executable] + arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandRunner.Result(status: process.terminationStatus,
                                    standardOutput: String(decoding: outputData, as: UTF8.self),
                                    standardError: String(decoding: errorData, as: UTF8.self))
    }

    private func listing() throws -> String { try Self.shell("ls -la '\(directory.path)'") }

    @discardableResult
    private static func shell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TmuxError(message: "`\(command)` failed (\(process.terminationStatus))") }
        return String(decoding: data, as: UTF8.self)
    }
}
