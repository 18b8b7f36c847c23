import PostgresNIO

extension PostgresConfiguration {
    /// The PostgresNIO client configuration: TLS per ``sslMode``; a unix socket when ``host`` is a directory.
    /// With `readOnly`, every session starts with `default_transaction_read_only = on`, so the server itself
    /// refuses writes.
    func clientConfiguration(readOnly: Bool, maximumConnections: Int) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if usesUnixSocket {
            configuration = .init(unixSocketPath: unixSocketPath, username: user, password: password, database: database)
        } else {
            configuration = .init(host: host, port: port, username: user, password: password, database: database,
                                  tls: tls)
            if sslMode == .verifyFull { configuration.options.tlsServerName = host }
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = [("application_name", "signalbox")]
        if readOnly {
            configuration.options.additionalStartupParameters.append(("default_transaction_read_only", "on"))
        }
        return configuration
    }

    /// `disable`: plain TCP. `prefer`/`require`: TLS without certificate verification (libpq's semantics).
    /// `verify-full`: TLS with the chain and host name checked against the system trust store.
    var tls: PostgresClient.Configuration.TLS {
        switch sslMode {
        case .disable:
            return .disable
        case .prefer, .require:
            var unverified = TLSConfiguration.makeClientConfiguration()
            unverified.certificateVerification = .none
            return sslMode == .prefer ? .prefer(unverified) : .require(unverified)
        case .verifyFull:
            var verified = TLSConfiguration.makeClientConfiguration()
            verified.certificateVerification = .fullVerification
            return .require(verified)
        }
    }
}
