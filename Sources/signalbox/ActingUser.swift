import SignalboxStore

/// The name this invocation acts under: who the store's authentication says is acting, or `$SIGNALBOX_USER`
/// where the store allows named actors (see `signalbox actors`).
enum ActingUser {
    /// The environment variable that asks for another name; refused for writes unless the store allows it.
    static let variable = "SIGNALBOX_USER"

    /// The name to record actions under; fails with ``StoreError/permissionDenied(_:)`` when `$SIGNALBOX_USER`
    /// names someone else and the store does not allow named actors.
    static func forWriting(on store: any EventStore) async throws(StoreError) -> String {
        try await store.identity().actor(requested: ProcessEnvironment.current[variable])
    }

    /// The name to show or filter by (`--assignee me`, a read-only console): as for writing, but a refused
    /// `$SIGNALBOX_USER` falls back to the authenticated name instead of failing.
    static func forReading(on store: any EventStore) async throws(StoreError) -> String {
        let identity = try await store.identity()
        return (try? identity.actor(requested: ProcessEnvironment.current[variable])) ?? identity.actor
    }
}
