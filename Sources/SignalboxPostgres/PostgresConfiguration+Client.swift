import PostgresNIO

extension PostgresConfiguration {
    /// `application_name` when neither the URL nor `PGAPPNAME` sets one.
    static let defaultApplicationName = "signalbox"

    /// The PostgresNIO pool configuration: TLS per ``sslMode`` (`allow` as plain TCP: the server was already found
    /// to accept it, see ``withoutAllowFallback(tlsNeeded:)``); a unix socket when ``host`` is a directory.
    /// With `readOnly`, every session starts with `default_transaction_read_only = on`, so the server itself
    /// refuses writes.
    func clientConfiguration(readOnly: Bool, maximumConnections: Int) throws(PostgresConfigurationError)
        -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if usesUnixSocket {
            configuration = .init(unixSocketPath: unixSocketPath, username: user, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch (sslMode, try tlsConfiguration()) {
            case (_, nil), (.allow, _): .disable
            case (.prefer, let tls?): .prefer(tls)
            case (_, let tls?): .require(tls)
            }
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(Int64(connectTimeoutSeconds))
        configuration.options.additionalStartupParameters = startupParameters(readOnly: readOnly)
        return configuration
    }

    /// The same settings for a single connection, used to check the server can be reached before starting the pool
    /// (the pool retries failed connections for a minute; a person starting Signalbox wants the error now).
    func connectionConfiguration(readOnly: Bool) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if usesUnixSocket {
            configuration = .init(unixSocketPath: unixSocketPath, username: user, password: password, database: database)
        } else {
            let tls: PostgresConnection.Configuration.TLS = switch (sslMode, try tlsConfiguration()) {
            case (_, nil), (.allow, _): .disable
            case (.prefer, let tls?): .prefer(try NIOSSLContext(configuration: tls))
            case (_, let tls?): .require(try NIOSSLContext(configuration: tls))
            }
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(Int64(connectTimeoutSeconds))
        configuration.options.additionalStartupParameters = startupParameters(readOnly: readOnly)
        return configuration
    }

    /// For `sslmode=allow`: the mode actually used once plain TCP was tried — `prefer` when the server wanted TLS.
    func withoutAllowFallback(tlsNeeded: Bool) -> PostgresConfiguration {
        guard sslMode == .allow, tlsNeeded else { return self }
        var copy = self
        copy.sslMode = .prefer
        return copy
    }

    /// Every connection names itself, runs without JIT compilation, and a read-only one refuses writes.
    ///
    /// JIT is off because Signalbox's statements are short: the server compiles a statement whose estimated cost
    /// passes `jit_above_cost`, and for §10's statements on a 1M store the compiling cost more than it saved (§10.2
    /// 395 → 241 ms, unbilled time 174 → 121 ms without it; `Benchmarks/README.md`).
    private func startupParameters(readOnly: Bool) -> [(String, String)] {
        [("application_name", applicationName ?? Self.defaultApplicationName), ("jit", "off")]
            + (readOnly ? [("default_transaction_read_only", "on")] : [])
    }
}
