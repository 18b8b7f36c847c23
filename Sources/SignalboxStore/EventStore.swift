import SignalboxCore

/// A store of canonical events: the integration layer's log and the projections read from it.
///
/// SQLite (`SQLiteStore` in SignalboxSQLite) and PostgreSQL (`PostgresStore`) implement it. It is the sum of
/// narrower capabilities, and code that needs only one asks for that one: ``SignalSource``,
/// ``SignalDetailsSource``, ``ReconciliationSource``, ``EventLogReader``, ``EventIngesting``, ``ExceptionQueueStore``. Every method may be
/// called from any task.
public protocol EventStore: StoreNaming, SignalSource, SignalPublicationSource, SignalDetailsSource, ReconciliationSource, CloseExposureSource, EventLogReader,
                            EventIngesting, ExceptionQueueStore {
    /// Whether the store was opened read-only; writes then fail with ``StoreError/readOnly``.
    var isReadOnly: Bool { get }

    /// Creates the schema or upgrades an older one. Fails with ``StoreError/newerSchema`` for a store
    /// written by a newer Signalbox.
    func migrate() async throws(StoreError)

    /// Releases connections. Further calls fail.
    func close() async
}

