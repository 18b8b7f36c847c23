import PostgresNIO
import SignalboxStore

extension PostgresStore {
    /// The login of this session (`session_user`) under the name `actor_names` gives it; the owner login may name
    /// others (it can bypass every trigger anyway). The server refuses console events recorded under another name.
    public func identity() async throws(StoreError) -> StoreIdentity {
        try await withConnection { connection, logger in
            let rows = try await connection.query(
                "SELECT signalbox_actor(), session_user::text, signalbox_is_owner(session_user)", logger: logger)
            for try await (actor, login, owner) in rows.decode((String, String, Bool).self) {
                return StoreIdentity(actor: actor, authenticatedAs: "PostgreSQL login \(login.debugDescription)",
                                     mayNameOthers: owner)
            }
            throw StoreError.database(message: "the server named no session user", sql: nil)
        }
    }

    /// Refused: on PostgreSQL the actor is always the login (the owner maps logins to names in `actor_names`).
    public func setNamedActorsAllowed(_ allowed: Bool) async throws(StoreError) {
        throw .rejected("on PostgreSQL actions are always recorded as the database login; "
            + "the owner maps logins to names in the actor_names table")
    }
}
