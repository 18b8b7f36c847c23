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
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "env", "-i"] + assignments + ["sh"],
                 captureOutput: false)
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

    /// The pane's title, as an OSC 0/2 sequence written to the terminal would have set it.
    func paneTitle() throws -> String {
        try tmux(["display-message", "-p", "-t", name, "#{pane_title}"]).trimmingCharacters(in: .newlines)
    }

    /// The visible screen with its attributes and colours as SGR escape sequences (`capture-pane -e`).
    func styledScreen() throws -> String { try tmux(["capture-pane", "-p", "-e", "-t", name]) }

    /// Polls the screen until it contains `text`; fails with the last screen after `seconds`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 20, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitForAll([text], seconds: seconds, file: file, line: line)
    }

    /// Polls the screen until one capture contains every one of `texts` (a complete frame, never its first
    /// part); fails naming what is missing from the last screen after `seconds`.
    @discardableResult
    func waitForAll(_ texts: [String], seconds: Double = 20, styled: Bool = false,
                    file: StaticString = #filePath, line: UInt = #line) throws -> String {
        // Styled: the SGR sequences between the characters of a text do not break it.
        let plain = { (screen: String) in styled ? SGR.removed(from: screen) : screen }
        return try waitUntil(seconds: seconds, styled: styled, file: file, line: line,
                             failure: { last in
                                 "no " + texts.filter { !plain(last).contains($0) }.map { "\"\($0)\"" }.joined(separator: ", ")
                             },
                             { screen in texts.allSatisfy(plain(screen).contains) })
    }

    /// Polls the screen (with its SGR sequences when `styled`) until one capture satisfies `condition`; fails
    /// with `failure`'s description of the last screen after `seconds`.
    @discardableResult
    func waitUntil(seconds: Double = 20, styled: Bool = false, file: StaticString = #filePath, line: UInt = #line,
                   failure: (String) -> String, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try styled ? styledScreen() : screen()
            if condition(last) { return last }
            usleep(50_000)
        }
        XCTFail("\(failure(last)) on screen within \(seconds) s; screen was:\n\(last)", file: file, line: line)
        throw XCTSkip("stopping after the failure above")
    }

    /// Runs tmux with posix_spawn and waitpid: Foundation's `Process` waits for every inheritor of its internal
    /// descriptors, and the tmux server that `new-session` forks would keep it waiting forever.
    @discardableResult
    private func tmux(_ arguments: [String], captureOutput: Bool = true) throws -> String {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw TmuxError(message: "pipe failed") }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if captureOutput {
            posix_spawn_file_actions_adddup2(&actions, descriptors[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
        close(descriptors[1])
        defer { close(descriptors[0]) }
        guard status == 0 else { throw TmuxError(message: "cannot run tmux: \(String(cString: strerror(status)))") }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while captureOutput {
            let count = read(descriptors[0], &chunk, chunk.count)
            if count <= 0 { break }
            output += chunk[0..<count]
        }
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, 0)
        return String(decoding: output, as: UTF8.self)
    }
}

struct TmuxError: Error {
    var message: String
}
