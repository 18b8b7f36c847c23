/// Why a store operation failed, in words an operator can act on.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The store could not be opened or reached.
    case unavailable(String)
    /// The store was written by a newer Signalbox (schema `found`, this build knows `supported`).
    case newerSchema(found: Int, supported: Int)
    /// The store has no Signalbox schema yet, or an older one than this build reads (a read-only open does not
    /// upgrade it).
    case notMigrated(String)
    /// A write was attempted on a store opened read-only.
    case readOnly
    /// A write reached a hot standby (a streaming replica), which only the primary accepts; `server` names it.
    case readOnlyReplica(server: String)
    /// The server refused the operation for lack of privilege.
    case permissionDenied(String)
    /// The data changed since the caller read it (optimistic concurrency).
    case conflict(String)
    /// The request is not allowed by the rules (e.g. four-eyes).
    case rejected(String)
    /// Something named does not exist.
    case notFound(String)
    /// Any other database failure, with the database's message and the statement.
    case database(message: String, sql: String?)

    public var description: String {
        switch self {
        case .unavailable(let detail): "store unavailable: \(detail)"
        case .newerSchema(let found, let supported):
            "this store was written by a newer Signalbox (schema version \(found); this build supports up to \(supported)); upgrade signalbox"
        case .notMigrated(let detail): "store not ready for this build: \(detail) (run `signalbox migrate`)"
        case .readOnly: "the store is open read-only; nothing was written"
        case .readOnlyReplica(let server):
            "this store is a read-only replica (\(server) is a hot standby); nothing was written: writers need the primary"
        case .permissionDenied(let detail): "permission denied by the store: \(detail)"
        case .conflict(let detail): detail
        case .rejected(let detail): detail
        case .notFound(let detail): "not found: \(detail)"
        case .database(let message, let sql): sql.map { "database error: \(message) (in: \($0.prefix(120)))" } ?? "database error: \(message)"
        }
    }
}
