import Foundation

/// Where the PostgreSQL server programs (`initdb`, `pg_ctl`, `psql`) live on this machine.
public struct PostgresBinaries: Sendable {
    /// The directory holding `initdb`, `pg_ctl` and `psql`.
    public let directory: URL

    public var initdb: URL { directory.appendingPathComponent("initdb") }
    public var pgCtl: URL { directory.appendingPathComponent("pg_ctl") }
    public var psql: URL { directory.appendingPathComponent("psql") }

    /// Finds the binaries: `$PG_BINDIR`, then `pg_config --bindir`, then the newest `/usr/lib/postgresql/*/bin`,
    /// then `/usr/local/bin` and `/usr/bin`. A directory counts only if it holds both `initdb` and `pg_ctl`.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> PostgresBinaries? {
        var candidates: [String] = []
        if let explicit = environment["PG_BINDIR"] { candidates.append(explicit) }
        if let bindir = try? runCapturingOutput("/usr/bin/env", ["pg_config", "--bindir"]) {
            candidates.append(bindir.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        candidates += debianVersionDirectories()
        candidates += ["/usr/local/bin", "/usr/bin"]
        let fileManager = FileManager.default
        for candidate in candidates where !candidate.isEmpty {
            let directory = URL(fileURLWithPath: candidate, isDirectory: true)
            let found = ["initdb", "pg_ctl"].allSatisfy {
                fileManager.isExecutableFile(atPath: directory.appendingPathComponent($0).path)
            }
            if found { return PostgresBinaries(directory: directory) }
        }
        return nil
    }

    /// `/usr/lib/postgresql/<major>/bin`, newest major version first.
    private static func debianVersionDirectories() -> [String] {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted(by: >).map { "\(root)/\($0)/bin" }
    }
}

/// Runs a program to completion and returns its standard output; throws when it exits non-zero.
func runCapturingOutput(_ program: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ClusterError.commandFailed(
            command: ([program] + arguments).joined(separator: " "),
            status: process.terminationStatus,
            output: String(decoding: errorData + outputData, as: UTF8.self)
        )
    }
    return String(decoding: outputData, as: UTF8.self)
}
