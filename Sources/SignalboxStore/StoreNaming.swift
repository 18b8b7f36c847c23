/// A store that can say where it is.
public protocol StoreNaming: Sendable {
    /// Where the store is, for status bars and messages: a path, or `user@host:port/db` of the server in use now
    /// (after a failover, the new one). Never a password.
    var displayName: String { get }
}
