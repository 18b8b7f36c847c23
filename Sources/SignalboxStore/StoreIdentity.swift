/// Who is acting on a store, as the store's own authentication establishes it: the name every action is
/// recorded under (`by`), never taken from the environment.
///
/// - SQLite: the operating-system account of the process (`geteuid`). A SQLite file trusts whoever can write it.
/// - PostgreSQL: the database login (`session_user`), shown under the name the owner mapped it to, if any.
///   The server refuses console events recorded under another name.
///
/// ```swift
/// let identity = try await store.identity()
/// let actor = try identity.actor(requested: environment["SIGNALBOX_USER"])
/// ```
public struct StoreIdentity: Sendable, Equatable {
    /// The name actions are recorded under.
    public var actor: String
    /// What established it, in words: `OS account "alice"`, `PostgreSQL login "ana"`.
    public var authenticatedAs: String
    /// Whether this session may record actions under other names: a SQLite store whose owner allowed named
    /// actors (demos, tests), or the PostgreSQL store's owner login (which can bypass any rule anyway).
    public var mayNameOthers: Bool

    public init(actor: String, authenticatedAs: String, mayNameOthers: Bool) {
        self.actor = actor
        self.authenticatedAs = authenticatedAs
        self.mayNameOthers = mayNameOthers
    }

    /// The name to act under: `requested` (e.g. `$SIGNALBOX_USER`) when given and allowed, else ``actor``.
    /// Fails with ``StoreError/permissionDenied(_:)`` when another name is requested and the store does not allow it.
    public func actor(requested: String?) throws(StoreError) -> String {
        guard let requested, !requested.isEmpty else { return actor }
        try authorize(requested)
        return requested
    }

    /// Fails with ``StoreError/permissionDenied(_:)`` unless actions may be recorded under `name`.
    public func authorize(_ name: String) throws(StoreError) {
        guard name != actor, !mayNameOthers else { return }
        throw .permissionDenied(
            "actions on this store are recorded as \(actor.debugDescription) (\(authenticatedAs)); "
                + "acting as \(name.debugDescription) is refused (named actors are not allowed on this store)")
    }
}
