import Foundation

/// The pieces a `postgres://` URL states explicitly, percent-decoded; nil where the URL is silent.
struct URLParts {
    var user: String?
    var password: String?
    /// Host names in URL order (`host1:5432,host2:5433` or `host=a,b`); empty when the URL names none.
    var hosts: [String] = []
    /// Ports in URL order: one for all hosts, or one per host.
    var ports: [Int] = []
    var database: String?
    var sslMode: String?
    var sslRootCert: String?
    var sslCert: String?
    var sslKey: String?
    var sslPassword: String?
    var applicationName: String?
    var connectTimeout: String?
    var targetSessionAttributes: String?
    /// `service=NAME`: the connection service whose settings fill in what the URL leaves out.
    var service: String?

    private static let schemes = ["postgresql://", "postgres://"]

    init(_ url: String) throws(PostgresConfigurationError) {
        guard let scheme = Self.schemes.first(where: { url.lowercased().hasPrefix($0) }) else {
            throw PostgresConfigurationError("the URL must start with postgres:// or postgresql://")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        if let queryStart = rest.firstIndex(of: "?") {
            try parseQuery(rest[rest.index(after: queryStart)...])
            rest = rest[..<queryStart]
        }
        var authority = rest
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            let path = rest[rest.index(after: slash)...]
            database = path.isEmpty ? nil : try Self.decode(path, what: "database name")
        }
        if let at = authority.lastIndex(of: "@") {
            try parseUserInfo(authority[..<at])
            authority = authority[authority.index(after: at)...]
        }
        var urlHosts: [String] = []
        var urlPorts: [Int?] = []
        for server in authority.split(separator: ",", omittingEmptySubsequences: false) {
            let (host, port) = try Self.hostAndPort(server)
            urlHosts.append(host ?? "")
            urlPorts.append(port)
        }
        // `?host=` and `?port=` win over the authority, as in libpq; a host without a port gets 5432.
        if urlHosts != [""] && hosts.isEmpty { hosts = urlHosts }
        if urlPorts.contains(where: { $0 != nil }) && ports.isEmpty {
            ports = urlPorts.count == 1 ? urlPorts.compactMap { $0 } : urlPorts.map { $0 ?? 5432 }
        }
    }

    private mutating func parseUserInfo(_ userInfo: Substring) throws(PostgresConfigurationError) {
        if let colon = userInfo.firstIndex(of: ":") {
            user = try Self.decode(userInfo[..<colon], what: "user name")
            password = try Self.decode(userInfo[userInfo.index(after: colon)...], what: "password")
        } else {
            user = try Self.decode(userInfo, what: "user name")
        }
        if user?.isEmpty == true { user = nil }
    }

    private static func hostAndPort(_ text: Substring) throws(PostgresConfigurationError) -> (String?, Int?) {
        var host: String?
        var port: Int?
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw PostgresConfigurationError("an IPv6 host must be closed with ]")
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw PostgresConfigurationError("unexpected text after the IPv6 host")
            }
        } else if let colon = text.firstIndex(of: ":") {
            host = try Self.decode(text[..<colon], what: "host")
            portText = text[text.index(after: colon)...]
        } else if !text.isEmpty {
            host = try Self.decode(text, what: "host")
        }
        if host?.isEmpty == true { host = nil }
        if let portText, !portText.isEmpty { port = try PostgresConfiguration.port(String(portText), origin: "URL") }
        return (host, port)
    }

    private mutating func parseQuery(_ query: Substring) throws(PostgresConfigurationError) {
        for pair in query.split(separator: "&") {
            let key = pair.prefix { $0 != "=" }
            let value = try Self.decode(pair.dropFirst(key.count + 1), what: "parameter \(key)")
            guard try set(String(key), to: value) else {
                throw PostgresConfigurationError("unsupported URL parameter \(String(key).debugDescription)")
            }
        }
    }

    /// The parts a connection service's settings state (`keyword=value` lines of its section).
    init(settings: [ServiceFile.Setting], path: String) throws(PostgresConfigurationError) {
        for setting in settings {
            let known: Bool
            do { known = try set(setting.keyword, to: setting.value) } catch {
                throw PostgresConfigurationError("service file \(path), line \(setting.line): \(error.message)")
            }
            guard known, setting.keyword != "service" else {
                throw PostgresConfigurationError("service file \(path), line \(setting.line): unsupported keyword "
                                                 + setting.keyword.debugDescription)
            }
        }
    }

    /// Takes what this URL leaves out from `other` (a service's settings: the URL's own win, as in libpq).
    mutating func fillUnset(from other: URLParts) {
        user = user ?? other.user
        password = password ?? other.password
        if hosts.isEmpty { hosts = other.hosts }
        if ports.isEmpty { ports = other.ports }
        database = database ?? other.database
        sslMode = sslMode ?? other.sslMode
        sslRootCert = sslRootCert ?? other.sslRootCert
        sslCert = sslCert ?? other.sslCert
        sslKey = sslKey ?? other.sslKey
        sslPassword = sslPassword ?? other.sslPassword
        applicationName = applicationName ?? other.applicationName
        connectTimeout = connectTimeout ?? other.connectTimeout
        targetSessionAttributes = targetSessionAttributes ?? other.targetSessionAttributes
    }

    /// Sets one connection parameter; false for a keyword this client does not know.
    private mutating func set(_ key: String, to value: String) throws(PostgresConfigurationError) -> Bool {
        switch key {
        case "sslmode": sslMode = value
        case "host": hosts = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        case "port":
            ports = try value.split(separator: ",").map { (text) throws(PostgresConfigurationError) in
                try PostgresConfiguration.port(String(text), origin: "URL parameter port")
            }
        case "user": user = value
        case "dbname": database = value
        case "password": password = value
        case "sslrootcert": sslRootCert = value
        case "sslcert": sslCert = value
        case "sslkey": sslKey = value
        case "sslpassword": sslPassword = value
        case "application_name": applicationName = value
        case "connect_timeout": connectTimeout = value
        case "target_session_attrs": targetSessionAttributes = value
        case "service": service = value
        default: return false
        }
        return true
    }

    private static func decode(_ text: Substring, what: String) throws(PostgresConfigurationError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw PostgresConfigurationError("the \(what) has an invalid percent-encoding")
        }
        return decoded
    }
}
