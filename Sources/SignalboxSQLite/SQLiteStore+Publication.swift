import SignalboxCore
import SignalboxStore

extension SQLiteStore: SignalPublicationSource {
    /// Always nil: a SQLite store is one file on one machine, where each console computes its own figures from the
    /// same page cache; `signalbox publish` is for a PostgreSQL store shared by many consoles.
    public func signalPublication(window: SignalDuration) async throws(StoreError) -> SignalPublication? { nil }
}
