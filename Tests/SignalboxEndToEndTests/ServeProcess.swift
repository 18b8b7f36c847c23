import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A real `signalbox serve` on a free loopback port, with a token file holding one token per name given.
final class ServeProcess {
    let process = Process()
    let port: Int
    let logFile: String
    /// Bearer tokens by name, as `--new-token` printed them.
    let tokens: [String: String]
    private let output = Pipe(), error = Pipe()
    private let standardOutput = LockedData(), standardError = LockedData()

    var http: LoopbackHTTP { LoopbackHTTP(port: port) }

    /// Makes the tokens with `signalbox serve --new-token` (name → sources), writes the token file in `directory` and
    /// starts the server; returns once it listens (at most 60 s).
    init(store: String, directory: URL, tokens grants: [String: [String]], arguments: [String] = [],
         runner: CommandRunner = CommandRunner()) throws {
        var tokens: [String: String] = [:]
        var file = ""
        for (name, sources) in grants.sorted(by: { $0.key < $1.key }) {
            let made = try runner.run(["serve", "--new-token", name, "--sources", sources.joined(separator: ",")])
            XCTAssertEqual(made.status, 0, made.standardError)
            let lines = made.standardOutput.split(separator: "\n").map(String.init)
            tokens[name] = try XCTUnwrap(lines.dropFirst().first, made.standardOutput)
            file += try XCTUnwrap(lines.last, made.standardOutput) + "\n"
        }
        self.tokens = tokens
        let tokenFile = directory.appendingPathComponent("tokens-\(UUID().uuidString).yaml").path
        try file.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        logFile = directory.appendingPathComponent("serve-\(UUID().uuidString).log").path
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = ["serve", "--store", store, "--listen", "127.0.0.1:0", "--tokens", tokenFile, "--log-file", logFile] + arguments
        process.environment = runner.environment
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        let (out, err) = (standardOutput, standardError)
        output.fileHandleForReading.readabilityHandler = { out.append($0.availableData) }
        error.fileHandleForReading.readabilityHandler = { err.append($0.availableData) }
        try process.run()
        var found: Int?
        let deadline = Date().addingTimeInterval(60)
        while found == nil, process.isRunning, Date() < deadline {
            found = Self.port(in: out.text)
            if found == nil { usleep(20_000) }
        }
        guard let found else {
            process.terminate()
            throw LoopbackHTTP.Failure(description: "serve did not start: \(out.text) \(err.text)")
        }
        port = found
    }

    /// The port of the `listening on http://127.0.0.1:PORT` (or `https://`) line.
    private static func port(in text: String) -> Int? {
        guard let listening = text.range(of: "listening on "),
              let range = text[listening.upperBound...].range(of: "://127.0.0.1:") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    var printedOutput: String { standardOutput.text }
    var printedErrors: String { standardError.text }

    /// POSTs JSON Lines with the named token.
    func post(_ lines: [String], token name: String?, contentType: String = "application/x-ndjson",
              headers: [String: String] = [:]) throws -> LoopbackHTTP.Response {
        var all = headers
        all["Content-Type"] = contentType
        if let name { all["Authorization"] = "Bearer \(tokens[name] ?? name)" }
        return try http.request("POST", "/v1/events", headers: all, body: Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// Sends SIGTERM and waits (at most 60 s) for the exit status.
    func terminate() throws -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            throw LoopbackHTTP.Failure(description: "serve did not exit within 60 s of SIGTERM")
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        output.fileHandleForReading.readabilityHandler = nil
        error.fileHandleForReading.readabilityHandler = nil
    }
}

/// Bytes appended from a pipe's handler thread and read from the test's.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) { lock.withLock { data.append(more) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
