import Foundation
import XCTest

/// A shell in a private tmux server, driven like a user: send keys, read the screen, wait for text.
final class ConsoleTmuxSession {
    let socket: String
    let name = "console"

    /// Skips the test when tmux is missing and CI is unset; fails it when tmux is missing on CI.
    static func requireTmux() throws {
        let found = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
        if found { return }
        if ProcessInfo.processInfo.environment["CI"] == nil { throw XCTSkip("tmux is not installed; the terminal end-to-end tests need it") }
        XCTFail("tmux is required on CI for the terminal end-to-end tests")
        throw XCTSkip("tmux missing")
    }

    /// Starts `sh` in a `width`×`height` window with `environment` (plus a plain prompt).
    init(width: Int, height: Int, environment: [String: String]) throws {
        socket = "signalbox-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let assignments = environment.merging(["PS1": "$ ", "HOME": NSTemporaryDirectory()]) { $1 }
            .map { "\($0.key)=\($0.value)" }
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "env", "-i"] + assignments + ["sh"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Types `text` literally, then Enter when asked.
    func type(_ text: String, enter: Bool = false) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
        if enter { try tmux(["send-keys", "-t", name, "Enter"]) }
    }

    /// Sends tmux key names: `Escape`, `Tab`, `Enter`, `Down`.
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The visible screen as text.
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    /// Polls the screen until it contains `text`; fails with the last screen after `seconds`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 20, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        XCTFail("no \"\(text)\" on screen within \(seconds) s; screen was:\n\(last)", file: file, line: line)
        throw XCTSkip("stopping after the failure above")
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
