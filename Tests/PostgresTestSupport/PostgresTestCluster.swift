import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// A throwaway PostgreSQL cluster for tests: `initdb` into a temporary directory, a server on a free port of
/// 127.0.0.1 (its unix socket in that directory too), and everything stopped and deleted by ``tearDown()``.
///
/// PostgreSQL refuses to run as root, so under root the directory is handed to the `postgres` OS user and the
/// server programs run through `runuser -u postgres --`.
///
/// ```swift
/// let cluster = try PostgresTestCluster.startOrSkip()
/// defer { cluster.tearDown() }
/// let url = try cluster.createDatabase("t1")
/// ```
public final class PostgresTestCluster: Sendable {
    /// How clients authenticate over TCP.
    public enum Authentication: Sendable, Equatable {
        /// Any role connects without a password.
        case trust
        /// SCRAM-SHA-256; the superuser's password is the associated value.
        case password(String)
    }

    /// Server settings beyond the defaults: lines for `postgresql.conf` and, when given, the whole `pg_hba.conf`.
    public struct Settings: Sendable {
        public var configurationLines: [String]
        public var hostBasedAuthentication: [String]?

        public init(configurationLines: [String] = [], hostBasedAuthentication: [String]? = nil) {
            self.configurationLines = configurationLines
            self.hostBasedAuthentication = hostBasedAuthentication
        }
    }

    /// The superuser created by `initdb`.
    public static let superuser = "signalbox_admin"

    public let port: Int
    public let authentication: Authentication
    /// The temporary directory holding the data directory, the socket and the server log.
    public let rootDirectory: URL
    private let binaries: PostgresBinaries
    private let osUser: String?

    public var host: String { "127.0.0.1" }
    var dataDirectory: URL { rootDirectory.appendingPathComponent("data") }
    var socketDirectory: URL { rootDirectory.appendingPathComponent("socket") }
    var logFile: URL { rootDirectory.appendingPathComponent("server.log") }

    /// Starts a cluster, or skips the test with a clear message when no PostgreSQL binaries are installed.
    /// When the environment variable `CI` is set, missing binaries fail instead of skipping.
    public static func startOrSkip(authentication: Authentication = .trust, settings: Settings = Settings(),
                                   environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresTestCluster {
        guard let binaries = PostgresBinaries.locate(environment: environment) else {
            if environment["CI"] != nil { throw ClusterError.binariesNotFound }
            throw XCTSkip("PostgreSQL tests skipped: \(ClusterError.binariesNotFound) (set CI to make this a failure)")
        }
        return try PostgresTestCluster(binaries: binaries, authentication: authentication, settings: settings)
    }

    /// The OS user the server programs run as: `postgres` under root (the server refuses root), else nil (ourselves).
    public static var serverOSUser: String? { geteuid() == 0 ? "postgres" : nil }

    /// Creates, configures and starts a cluster with `binaries`.
    public init(binaries: PostgresBinaries, authentication: Authentication, settings: Settings = Settings()) throws {
        self.binaries = binaries
        self.authentication = authentication
        self.osUser = Self.serverOSUser
        self.rootDirectory = try Self.makeTemporaryDirectory()
        self.port = try Self.reserveFreePort()
        do {
            try FileManager.default.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
            if let osUser { try runCapturingOutput("/bin/chown", ["-R", osUser, rootDirectory.path]) }
            try initializeDataDirectory()
            try apply(settings)
            try startServer()
        } catch {
            try? FileManager.default.removeItem(at: rootDirectory)
            throw error
        }
    }

    /// A streaming hot standby of this cluster: `pg_basebackup -R -c fast` into a new directory, started on a
    /// port of its own. It inherits the primary's settings (TLS and `pg_hba.conf` included).
    public func startStandby() throws -> PostgresTestCluster {
        try PostgresTestCluster(standbyOf: self)
    }

    private init(standbyOf primary: PostgresTestCluster) throws {
        binaries = primary.binaries
        authentication = primary.authentication
        osUser = primary.osUser
        rootDirectory = try Self.makeTemporaryDirectory()
        port = try Self.reserveFreePort()
        do {
            try FileManager.default.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
            if let osUser { try runCapturingOutput("/bin/chown", ["-R", osUser, rootDirectory.path]) }
            let baseBackup = binaries.directory.appendingPathComponent("pg_basebackup").path
            try runAsServerUser([baseBackup, "-h", primary.host, "-p", String(primary.port), "-U", Self.superuser,
                                 "-D", dataDirectory.path, "-R", "-c", "fast", "-X", "stream"])
            try startServer()
        } catch {
            try? FileManager.default.removeItem(at: rootDirectory)
            throw error
        }
    }

    /// Promotes this standby to a primary and waits until it accepts writes.
    public func promote() throws {
        try runAsServerUser([binaries.pgCtl.path, "promote", "-D", dataDirectory.path, "-w", "-t", "60"])
    }

    /// A `postgres://` URL for `database` as `user` (default: the superuser).
    public func url(database: String, user: String = PostgresTestCluster.superuser, password: String? = nil) -> String {
        let credentials = password.map { "\(user):\($0)" } ?? user
        return "postgres://\(credentials)@\(host):\(port)/\(database)?sslmode=disable"
    }

    /// Creates an empty database and returns its URL (with the superuser's password when one is set).
    @discardableResult
    public func createDatabase(_ name: String) throws -> String {
        try psql("CREATE DATABASE \"\(name)\"", database: "postgres")
        if case .password(let password) = authentication {
            return url(database: name, password: password)
        }
        return url(database: name)
    }

    /// Runs SQL through `psql` as `user` (default: the superuser), stopping at the first error; returns the
    /// unaligned output. A failure throws ``ClusterError/commandFailed(command:status:output:)`` with the server's message.
    @discardableResult
    public func psql(_ sql: String, database: String, user: String = PostgresTestCluster.superuser) throws -> String {
        let scriptFile = rootDirectory.appendingPathComponent("script-\(UUID().uuidString).sql")
        try sql.write(to: scriptFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scriptFile) }
        if let osUser { try runCapturingOutput("/bin/chown", [osUser, scriptFile.path]) }
        var arguments = [binaries.psql.path, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                         "-h", host, "-p", String(port), "-U", user, "-d", database, "-f", scriptFile.path]
        if case .password(let password) = authentication {
            arguments.insert(contentsOf: ["/usr/bin/env", "PGPASSWORD=\(password)"], at: 0)
        }
        return try runAsServerUser(arguments)
    }

    /// Stops the server (fast shutdown: sessions are ended), keeping its data, to simulate an outage.
    public func stopServer() throws {
        try runAsServerUser([binaries.pgCtl.path, "stop", "-D", dataDirectory.path, "-m", "fast", "-w"])
    }

    /// Starts the server again on the same port after ``stopServer()``.
    public func restartServer() throws {
        try startServer()
    }

    /// Stops the server immediately and deletes the temporary directory. Safe to call twice.
    public func tearDown() {
        _ = try? runAsServerUser([binaries.pgCtl.path, "stop", "-D", dataDirectory.path, "-m", "immediate", "-w"])
        try? FileManager.default.removeItem(at: rootDirectory)
    }

    private func initializeDataDirectory() throws {
        var arguments = [binaries.initdb.path, "-D", dataDirectory.path, "-U", Self.superuser,
                         "--encoding=UTF8", "--locale=C", "--no-sync"]
        switch authentication {
        case .trust:
            arguments.append("--auth=trust")
        case .password(let password):
            let passwordFile = rootDirectory.appendingPathComponent("superuser.pw")
            try password.write(to: passwordFile, atomically: true, encoding: .utf8)
            if let osUser { try runCapturingOutput("/bin/chown", [osUser, passwordFile.path]) }
            arguments += ["--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=\(passwordFile.path)"]
        }
        try runAsServerUser(arguments)
    }

    private func apply(_ settings: Settings) throws {
        if !settings.configurationLines.isEmpty {
            let file = dataDirectory.appendingPathComponent("postgresql.conf")
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(("\n" + settings.configurationLines.joined(separator: "\n") + "\n").utf8))
        }
        if let lines = settings.hostBasedAuthentication {
            let file = dataDirectory.appendingPathComponent("pg_hba.conf")
            try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: false, encoding: .utf8)
        }
    }

    private func startServer() throws {
        let serverOptions = "-c listen_addresses=127.0.0.1 -p \(port) -k \(socketDirectory.path) -c fsync=off "
            + "-c synchronous_commit=off -c full_page_writes=off"
        try runAsServerUser([binaries.pgCtl.path, "start", "-D", dataDirectory.path, "-l", logFile.path, "-w",
                             "-t", "60", "-o", serverOptions])
    }

    @discardableResult
    private func runAsServerUser(_ arguments: [String]) throws -> String {
        if let osUser {
            return try runCapturingOutput("/usr/sbin/runuser", ["-u", osUser, "--"] + arguments)
        }
        return try runCapturingOutput(arguments[0], Array(arguments.dropFirst()))
    }

    private static func makeTemporaryDirectory() throws -> URL {
        var template = Array((NSTemporaryDirectory() + "signalbox-pg-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw ClusterError.commandFailed(command: "mkdtemp", status: errno, output: String(cString: strerror(errno)))
        }
        let url = URL(fileURLWithPath: String(cString: created), isDirectory: true)
        // The server user must be able to reach the directory.
        chmod(url.path, 0o755)
        return url
    }

    /// Asks the kernel for a free port on 127.0.0.1 and releases it for the server to take.
    private static func reserveFreePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClusterError.noFreePort(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw ClusterError.noFreePort(String(cString: strerror(errno))) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
