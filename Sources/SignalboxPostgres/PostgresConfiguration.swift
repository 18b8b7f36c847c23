import Foundation

/// Where and how to connect to a PostgreSQL server: what a `postgres://` URL says, with the rest filled in
/// the way libpq does (PG* environment variables, `~/.pgpass`, defaults).
///
/// ```swift
/// let config = try PostgresConfiguration(url: "postgres://ops@db.example:5433/signalbox?sslmode=verify-full",
///                                        environment: .current)
/// print(config.redacted)   // postgres://ops@db.example:5433/signalbox?sslmode=verify-full
/// ```
public struct PostgresConfiguration: Equatable, Sendable, CustomStringConvertible {
    /// A host name or IP address, or an absolute directory holding the server's unix socket.
    public var host: String
    public var port: Int
    public var user: String
    /// Never shown by ``redacted``, ``displayName`` or ``description``.
    public var password: String?
    public var database: String
    public var sslMode: SSLMode

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String,
                sslMode: SSLMode = .prefer) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
    }

    /// Whether ``host`` names a unix-socket directory rather than a network host.
    public var usesUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file libpq would use: `<directory>/.s.PGSQL.<port>`.
    public var unixSocketPath: String { "\(host)/.s.PGSQL.\(port)" }

    /// `user@host:port/database`, for status bars and messages; never the password.
    public var displayName: String { "\(user)@\(hostForDisplay):\(port)/\(database)" }

    /// The configuration as a URL without the password, safe for logs and errors.
    public var redacted: String {
        "postgres://\(user)@\(hostForDisplay):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    }

    public var description: String { redacted }

    private var hostForDisplay: String { host.contains(":") ? "[\(host)]" : host }

    /// Parses `postgres://` or `postgresql://` `user[:password]@host[:port]/database?sslmode=…`; anything the URL
    /// leaves out comes from `environment` (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE, then the
    /// password file) and libpq's defaults.
    public init(url: String, environment: PostgresEnvironment) throws(PostgresConfigurationError) {
        let parts = try URLParts(url)
        let variables = environment.variables
        let host = parts.host ?? variables["PGHOST"].flatMap(Self.nonEmpty) ?? "localhost"
        var port = parts.port ?? 5432
        if parts.port == nil, let text = variables["PGPORT"].flatMap(Self.nonEmpty) {
            port = try Self.port(text, origin: "PGPORT")
        }
        let user = parts.user ?? variables["PGUSER"].flatMap(Self.nonEmpty) ?? environment.currentUserName
        let database = parts.database ?? variables["PGDATABASE"].flatMap(Self.nonEmpty) ?? user
        var sslMode = SSLMode.prefer
        if let text = parts.sslMode ?? variables["PGSSLMODE"].flatMap(Self.nonEmpty) {
            sslMode = try Self.sslMode(text)
        }
        self.init(host: host, port: port, user: user, database: database, sslMode: sslMode)
        self.password = parts.password ?? variables["PGPASSWORD"]
            ?? environment.passwordFile?.password(host: usesUnixSocket ? "localhost" : host, port: port,
                                                  database: database, user: user)
    }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    static func port(_ text: String, origin: String) throws(PostgresConfigurationError) -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw PostgresConfigurationError("\(origin): port must be a number from 1 to 65535, not \(text.debugDescription)")
        }
        return port
    }

    static func sslMode(_ text: String) throws(PostgresConfigurationError) -> SSLMode {
        guard let mode = SSLMode(rawValue: text) else {
            let allowed = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
            throw PostgresConfigurationError("sslmode must be one of \(allowed), not \(text.debugDescription)")
        }
        return mode
    }
}
