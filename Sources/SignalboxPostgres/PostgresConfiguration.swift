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
    /// Root certificate, client certificate and key (see ``TLSFiles``).
    public var tlsFiles: TLSFiles
    /// The servers after the first (`host1:5432,host2:5432`), tried in order.
    public var additionalServers: [ServerAddress]
    /// Which server to take when there are several; nil: `read-write` for writers, `any` for readers.
    public var targetSessionAttributes: TargetSessionAttributes?
    /// `application_name`, shown in `pg_stat_activity`; nil: the opener's default (`signalbox console`, …).
    public var applicationName: String?
    /// How long to wait for a server to accept a connection (libpq's `connect_timeout`, in seconds).
    public var connectTimeoutSeconds: Int

    /// The connect timeout when neither the URL nor `PGCONNECT_TIMEOUT` sets one.
    public static let defaultConnectTimeoutSeconds = 10

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String,
                sslMode: SSLMode = .prefer, tlsFiles: TLSFiles = TLSFiles(), additionalServers: [ServerAddress] = [],
                targetSessionAttributes: TargetSessionAttributes? = nil, applicationName: String? = nil,
                connectTimeoutSeconds: Int = PostgresConfiguration.defaultConnectTimeoutSeconds) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.tlsFiles = tlsFiles
        self.additionalServers = additionalServers
        self.targetSessionAttributes = targetSessionAttributes
        self.applicationName = applicationName
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// Every server of the URL, in the order they are tried.
    public var servers: [ServerAddress] { [ServerAddress(host: host, port: port)] + additionalServers }

    /// The same settings aimed at one `server` only.
    public func targeting(_ server: ServerAddress) -> PostgresConfiguration {
        var copy = self
        copy.host = server.host
        copy.port = server.port
        copy.additionalServers = []
        return copy
    }

    /// Whether ``host`` names a unix-socket directory rather than a network host.
    public var usesUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file libpq would use: `<directory>/.s.PGSQL.<port>`.
    public var unixSocketPath: String { "\(host)/.s.PGSQL.\(port)" }

    /// `user@host:port/database`, for status bars and messages; never the password.
    public var displayName: String { "\(user)@\(hostForDisplay):\(port)/\(database)" }

    /// The configuration as a URL without the password (nor `sslpassword`), safe for logs and errors.
    public var redacted: String {
        let hosts = servers.map(\.description).joined(separator: ",")
        var query = "sslmode=\(sslMode.rawValue)"
        if let root = tlsFiles.rootCertificate, !tlsFiles.rootCertificateIsDefault { query += "&sslrootcert=\(root)" }
        if let certificate = tlsFiles.certificate { query += "&sslcert=\(certificate)" }
        if let attributes = targetSessionAttributes { query += "&target_session_attrs=\(attributes.rawValue)" }
        return "postgres://\(user)@\(hosts)/\(database)?\(query)"
    }

    public var description: String { redacted }

    private var hostForDisplay: String { host.contains(":") ? "[\(host)]" : host }

    /// Parses `postgres://` or `postgresql://` `user[:password]@host[:port][,host2[:port2]…]/database?param=…`
    /// (parameters: `sslmode`, `sslrootcert`, `sslcert`, `sslkey`, `sslpassword`, `application_name`,
    /// `connect_timeout`, `target_session_attrs`, `host`, `port`, `user`, `dbname`, `password`, `service`); anything
    /// the URL leaves out comes from its connection service (`service=` or PGSERVICE, see ``ServiceFile``), then
    /// from `environment` (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE,
    /// PGSSLROOTCERT, PGSSLCERT, PGSSLKEY, PGAPPNAME, PGCONNECT_TIMEOUT, PGTARGETSESSIONATTRS, then the password
    /// file and `~/.postgresql/`) and libpq's defaults.
    public init(url: String, environment: PostgresEnvironment) throws(PostgresConfigurationError) {
        var parts = try URLParts(url)
        let variables = environment.variables
        if let service = parts.service ?? variables["PGSERVICE"].flatMap(Self.nonEmpty) {
            let (path, settings) = try ServiceFile.settings(of: service, variables: variables, home: environment.homeDirectory)
            parts.fillUnset(from: try URLParts(settings: settings, path: path))
        }
        func setting(_ parameter: String?, _ variable: String) -> String? {
            parameter ?? variables[variable].flatMap(Self.nonEmpty)
        }
        let servers = try Self.servers(parts, variables: variables)
        let user = setting(parts.user, "PGUSER") ?? environment.currentUserName
        let database = parts.database ?? variables["PGDATABASE"].flatMap(Self.nonEmpty) ?? user
        var sslMode = SSLMode.prefer
        if let text = setting(parts.sslMode, "PGSSLMODE") { sslMode = try Self.sslMode(text) }
        var attributes: TargetSessionAttributes?
        if let text = setting(parts.targetSessionAttributes, "PGTARGETSESSIONATTRS") {
            guard let parsed = TargetSessionAttributes(rawValue: text) else {
                let allowed = TargetSessionAttributes.allCases.map(\.rawValue).joined(separator: ", ")
                throw PostgresConfigurationError("target_session_attrs must be one of \(allowed), not \(text.debugDescription)")
            }
            attributes = parsed
        }
        var timeout = Self.defaultConnectTimeoutSeconds
        if let text = setting(parts.connectTimeout, "PGCONNECT_TIMEOUT") {
            guard let seconds = Int(text), seconds >= 0 else {
                throw PostgresConfigurationError("connect_timeout must be a whole number of seconds, not \(text.debugDescription)")
            }
            // libpq: 0 waits indefinitely (a day is as good); below 2 s counts as 2 s.
            timeout = seconds == 0 ? 86_400 : max(seconds, 2)
        }
        self.init(host: servers[0].host, port: servers[0].port, user: user, database: database, sslMode: sslMode,
                  tlsFiles: TLSFiles.resolve(url: parts, variables: variables, home: environment.homeDirectory),
                  additionalServers: Array(servers.dropFirst()), targetSessionAttributes: attributes,
                  applicationName: setting(parts.applicationName, "PGAPPNAME"), connectTimeoutSeconds: timeout)
        self.password = parts.password ?? variables["PGPASSWORD"]
            ?? environment.passwordFile?.password(host: usesUnixSocket ? "localhost" : host, port: port,
                                                  database: database, user: user)
    }

    /// The URL's hosts paired with its ports (one port for all, or one per host), else PGHOST/PGPORT, else
    /// `localhost:5432`.
    private static func servers(_ parts: URLParts, variables: [String: String]) throws(PostgresConfigurationError)
        -> [ServerAddress] {
        let hosts = parts.hosts.isEmpty
            ? (variables["PGHOST"].flatMap(nonEmpty)?.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
               ?? ["localhost"])
            : parts.hosts
        var ports = parts.ports
        if ports.isEmpty, let text = variables["PGPORT"].flatMap(nonEmpty) {
            ports = try text.split(separator: ",").map { (text) throws(PostgresConfigurationError) in
                try port(String(text), origin: "PGPORT")
            }
        }
        if ports.isEmpty { ports = [5432] }
        guard ports.count == 1 || ports.count == hosts.count else {
            throw PostgresConfigurationError("\(hosts.count) hosts but \(ports.count) ports: give one port for all or one per host")
        }
        return hosts.enumerated().map { index, host in
            ServerAddress(host: host.isEmpty ? "localhost" : host, port: ports.count == 1 ? ports[0] : ports[index])
        }
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
