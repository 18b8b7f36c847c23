import SignalboxCore
import SignalboxStore

extension SQLiteStore {
    /// The `settings` key that lets any writer record actions under any name (value `allowed`).
    static let namedActorsKey = "actors.named"

    /// The OS account of this process (`geteuid`); named actors only when the store's settings allow them.
    /// Anyone who can write the file can also change that setting, or anything else: the file's permissions are
    /// the only boundary.
    public func identity() throws(StoreError) -> StoreIdentity {
        let allowed = try connection.statement("SELECT value FROM settings WHERE key = ?")
            .bind(.text(Self.namedActorsKey)).rows { $0.text(0) }.first == "allowed"
        return StoreIdentity(actor: OperatingSystemUser.loginName,
                             authenticatedAs: "OS account uid \(OperatingSystemUser.userID)", mayNameOthers: allowed)
    }

    public func setNamedActorsAllowed(_ allowed: Bool) throws(StoreError) {
        guard !isReadOnly else { throw .readOnly }
        if allowed {
            try connection.statement("INSERT OR REPLACE INTO settings (key, value) VALUES (?, 'allowed')")
                .bind(.text(Self.namedActorsKey)).run()
        } else {
            try connection.statement("DELETE FROM settings WHERE key = ?").bind(.text(Self.namedActorsKey)).run()
        }
    }
}
