import PostgresNIO

extension PostgresConfiguration {
    /// The PostgresNIO pool configuration: TLS per ``sslMode``; a unix socket when ``host`` is a directory.
    /// With `readOnly`, every session starts with `default_transaction_read_only = on`, so the server itself
    /// refuses writes.
    func clientConfiguration(readOnly: Bool, maximumConnections: Int) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if usesUnixSocket {
            configuration = .init(unixSocketPath: unixSocketPath, username: user, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch (sslMode, tlsConfiguration) {
            case (_, nil): .disable
            case (.prefer, let tls?): .prefer(tls)
            case (_, let tls?): .require(tls)
            }
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
            configuration.options.tlsServerName = tlsServerName
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(10)
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
            let tls: PostgresConnection.Configuration.TLS = switch (sslMode, tlsConfiguration) {
            case (_, nil): .disable
            case (.prefer, let tls?): .prefer(try NIOSSLContext(configuration: tls))
            case (_, let tls?): .require(try NIOSSLContext(configuration: tls))
            }
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
            configuration.options.tlsServerName = tlsServerName
        }
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = startupParameters(readOnly: readOnly)
        return configuration
    }

    /// `disable`: none. `prefer`/`require`: TLS without certificate verification (libpq's semantics).
    /// `verify-full`: the chain and the host name checked against the system trust store.
    private var tlsConfiguration: TLSConfiguration? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable: return nil
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        return tls
    }

    private var tlsServerName: String? { sslMode == .verifyFull ? host : nil }

    private func startupParameters(readOnly: Bool) -> [(String, String)] {
        [("application_name", "signalbox")] + (readOnly ? [("default_transaction_read_only", "on")] : [])
    }
}
