import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

/// Runs a program to completion and returns its standard output; throws with its output when it exits non-zero.
///
/// Spawns and reaps the child directly (`posix_spawn` + `waitpid`), with output going to a temporary file:
/// Foundation's `Process.waitUntilExit` was seen to hang after `pg_ctl start`, whose server outlives it.
@discardableResult
func runCapturingOutput(_ program: String, _ arguments: [String]) throws -> String {
    let outputPath = NSTemporaryDirectory() + "signalbox-pg-output-\(UUID().uuidString)"
    defer { unlink(outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
    let command = ([program] + arguments).joined(separator: " ")
    guard spawned == 0 else {
        throw ClusterError.commandFailed(command: command, status: -1, output: String(cString: strerror(spawned)))
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    let exited = status & 0x7f == 0
    let exitCode = (status >> 8) & 0xff
    guard exited && exitCode == 0 else {
        throw ClusterError.commandFailed(command: command, status: exited ? exitCode : -(status & 0x7f), output: output)
    }
    return output
}
