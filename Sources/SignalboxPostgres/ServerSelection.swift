import Foundation
import PostgresNIO
import SignalboxStore

/// The server a store talks to, chosen among the URL's servers.
struct SelectedServer: Sendable, Equatable {
    /// The configuration aimed at this server alone (with `sslmode=allow` settled).
    var configuration: PostgresConfiguration
    /// Whether the server is a hot standby (in recovery): no writes, no `LISTEN`.
    var isStandby: Bool

    var address: ServerAddress { ServerAddress(host: configuration.host, port: configuration.port) }
}

/// Tries the servers of a configuration in order, as libpq does with several hosts and `target_session_attrs`.
enum ServerSelection {
    /// The first server that answers and matches `wanted`; for `prefer-standby`, the first standby, else the
    /// first server that answered. Fails with ``StoreError/readOnlyReplica(server:)`` when a primary was wanted
    /// and only standbys answered, else with the reason the (first) server could not be used.
    static func select(_ configuration: PostgresConfiguration, readOnly: Bool, wanted: TargetSessionAttributes,
                       logger: Logger) async throws(StoreError) -> SelectedServer {
        var failures: [StoreError] = []
        var answered: [SelectedServer] = []
        for server in configuration.servers {
            do {
                let candidate = try await inspect(configuration.targeting(server), readOnly: readOnly, logger: logger)
                if matches(candidate, wanted) { return candidate }
                answered.append(candidate)
            } catch {
                logger.info("server \(server) not usable: \(error)")
                failures.append(error)
            }
        }
        if wanted == .preferStandby, let first = answered.first { return first }
        let standbys = answered.filter(\.isStandby).map(\.address.description)
        if !standbys.isEmpty, [.readWrite, .primary].contains(wanted) {
            throw StoreError.readOnlyReplica(server: standbys.joined(separator: ", "))
        }
        if answered.isEmpty, failures.count == 1, let only = failures.first { throw only }
        let names = configuration.servers.map(\.description).joined(separator: ", ")
        if answered.isEmpty {
            let reasons = failures.map { $0.description.replacingOccurrences(of: "store unavailable: ", with: "") }
            throw StoreError.unavailable("no server of \(names) answered: \(reasons.joined(separator: "; "))")
        }
        throw StoreError.unavailable("no server of \(names) has target_session_attrs=\(wanted.rawValue)")
    }

    private static func matches(_ server: SelectedServer, _ wanted: TargetSessionAttributes) -> Bool {
        switch wanted {
        case .any: true
        case .readWrite, .primary: !server.isStandby
        case .readOnly, .standby, .preferStandby: server.isStandby
        }
    }

    /// Connects once to the single server of `target` and asks whether it is in recovery.
    static func inspect(_ target: PostgresConfiguration, readOnly: Bool, logger: Logger) async throws(StoreError)
        -> SelectedServer {
        var settled = target
        let connection: PostgresConnection
        do {
            connection = try await connect(target, readOnly: readOnly, logger: logger)
        } catch let error where target.sslMode == .allow && error.isLoginRefusal {
            // sslmode=allow: plain TCP was refused (pg_hba.conf wants TLS); try again with TLS.
            settled = target.withoutAllowFallback(tlsNeeded: true)
            connection = try await connect(settled, readOnly: readOnly, logger: logger)
        }
        do {
            let rows = try await connection.query("SELECT pg_is_in_recovery()", logger: logger)
            var inRecovery = false
            for try await (value) in rows.decode(Bool.self) { inRecovery = value }
            try? await connection.close()
            return SelectedServer(configuration: settled, isStandby: inRecovery)
        } catch {
            try? await connection.close()
            throw StoreError.mapping(error, user: target.user)
        }
    }

    /// One connection to `target`, its failure told in words naming the parameter to set.
    private static func connect(_ target: PostgresConfiguration, readOnly: Bool, logger: Logger)
        async throws(StoreError) -> PostgresConnection {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try target.connectionConfiguration(readOnly: readOnly)
        } catch let error as PostgresConfigurationError {
            throw StoreError.unavailable(error.description)
        } catch {
            throw StoreError.unavailable("TLS settings cannot be used: \(TLSFailure.reasonCode("\(error)"))")
        }
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch {
            var validity: ClosedRange<Date>?
            if TLSFailure.isCertificateVerificationFailure(error) {
                validity = await ServerCertificateProbe.validity(host: target.host, port: target.port)
            }
            if let message = TLSFailure.describe(error, configuration: target, certificateValidity: validity) {
                logger.warning("TLS connection to \(target.host):\(target.port) failed: \(String(describing: error))")
                throw StoreError.unavailable(message)
            }
            throw StoreError.mapping(error, user: target.user)
        }
    }
}

private extension StoreError {
    /// The server refused the login (pg_hba.conf), which under `sslmode=allow` means "try TLS".
    var isLoginRefusal: Bool {
        if case .unavailable(let message) = self { return message.contains("refused the login") }
        return false
    }
}
