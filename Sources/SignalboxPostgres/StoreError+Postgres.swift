import PostgresNIO
import SignalboxStore

extension StoreError {
    /// Translates a PostgresNIO failure into words an operator can act on.
    ///
    /// - `42501` (insufficient privilege, including row-level security refusals) → ``StoreError/permissionDenied(_:)``
    /// - `25006` (read-only transaction) → ``StoreError/readOnly``
    /// - `42P01` (undefined table) → ``StoreError/notMigrated(_:)``
    /// - connection, TLS, authentication and "database does not exist" failures → ``StoreError/unavailable(_:)``
    static func mapping(_ error: any Error, user: String, sql: String? = nil) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as PostgresTransactionError:
            let inner = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError
            return inner.map { mapping($0, user: user, sql: sql) } ?? .database(message: "transaction failed", sql: sql)
        case let error as PSQLError:
            return mapping(error, user: user, sql: sql)
        default:
            return .database(message: String(describing: error), sql: sql)
        }
    }

    private static func mapping(_ error: PSQLError, user: String, sql: String?) -> StoreError {
        if error.code == .sslUnsupported {
            return .unavailable("the server does not support TLS: set sslmode=prefer or sslmode=disable, "
                                + "or ask the DBAs to enable ssl on it")
        }
        guard error.code == .server, let info = error.serverInfo else {
            // Never the TLS library's own text: it carries BoringSSL codes and build paths.
            let detail = switch error.underlying {
            case let tls? where tls is NIOSSLError || tls is NIOSSLExtraError || tls is BoringSSLError:
                "TLS failed: \(TLSFailure.reasonCode(String(describing: tls))); check sslmode and sslrootcert"
            case let other?: String(describing: other)
            case nil: "\(error.code)"
            }
            return .unavailable("cannot talk to the PostgreSQL server (\(detail))")
        }
        let state = info[.sqlState] ?? ""
        let message = info[.message] ?? "unknown server error"
        switch state {
        case "42501":
            return .permissionDenied("the database role \(user.debugDescription) is not allowed to do this (\(message))")
        case "25006":
            return .readOnly
        case "42P01":
            return .notMigrated(message)
        case "28000", "28P01":
            return .unavailable("the server refused the login of \(user.debugDescription) (\(message))")
        case "3D000":
            return .unavailable(message)
        case _ where state.hasPrefix("08") || state.hasPrefix("57P"):
            return .unavailable(message)
        default:
            return .database(message: "\(message) [SQLSTATE \(state)]", sql: sql ?? error.query?.sql)
        }
    }
}
