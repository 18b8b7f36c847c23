import PostgresNIO
import SignalboxStore

extension PostgresStore {
    /// The key of the advisory lock that serialises concurrent migrations of one database.
    private static let migrationLockKey: Int64 = 0x5169_6E61_6C62_6F78

    /// Applies the migrations this database has not run yet, all in one transaction under an advisory lock,
    /// so two consoles migrating at once do not collide. A second call is a no-op. A database at a newer
    /// version than this build knows fails with ``StoreError/newerSchema(found:supported:)``; a read-only store
    /// that needs migrating fails with ``StoreError/readOnly``.
    ///
    /// A store already at this build's version is only read, so logins that may not create anything (every role but
    /// the owner) open it writable; when it needs migrating and the login may not create tables, this fails with
    /// ``StoreError/permissionDenied(_:)`` saying the owner must run `signalbox migrate`.
    public func migrate() async throws(StoreError) {
        try await migrate(beforeUpgrading: { _, _ in })
    }

    /// ``migrate()``, calling `beforeUpgrading` with the versions once it is known that this login will upgrade an
    /// existing schema (not create one): a caller can say so first, as some upgrades read the whole log.
    public func migrate(beforeUpgrading: (_ from: Int, _ to: Int) -> Void) async throws(StoreError) {
        let found = try await schemaVersion()
        try Self.refuseNewer(found)
        if found == PostgresSchema.currentVersion { return }
        if isReadOnly { throw StoreError.readOnly }
        try await refuseUnlessMayCreate(found: found)
        if found > 0 { beforeUpgrading(found, PostgresSchema.currentVersion) }
        try await withTransaction { connection, logger in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: PostgresSchema.createVersionTable), logger: logger)
            let found = try await Self.currentVersion(connection, logger: logger)
            try Self.refuseNewer(found)
            for migration in PostgresSchema.migrations where migration.version > found {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                if migration.version == PostgresSchema.invoicesVersion {
                    try await PostgresInvoiceProjection(connection: connection, logger: logger).rebuild()
                }
                try await connection.query("INSERT INTO schema_version (version) VALUES (\(migration.version))",
                                           logger: logger)
            }
        }
    }

    private func refuseUnlessMayCreate(found: Int) async throws(StoreError) {
        let mayCreate = try await withConnection { connection, logger in
            var allowed = false
            for try await value in try await connection.query("SELECT has_schema_privilege('public', 'CREATE')",
                                                              logger: logger).decode(Bool.self) {
                allowed = value
            }
            return allowed
        }
        if !mayCreate {
            throw StoreError.permissionDenied("the store is at schema version \(found) and this build needs "
                + "\(PostgresSchema.currentVersion); the database role \(configuration.user.debugDescription) may not "
                + "migrate it: the store's owner must run `signalbox migrate`")
        }
    }

    /// The version recorded in `schema_version`, or 0 when the database has no Signalbox schema.
    public func schemaVersion() async throws(StoreError) -> Int {
        try await withConnection { connection, logger in
            let rows = try await connection.query("SELECT to_regclass('schema_version') IS NOT NULL", logger: logger)
            var exists = false
            for try await present in rows.decode(Bool.self) { exists = present }
            return exists ? try await Self.currentVersion(connection, logger: logger) : 0
        }
    }

    private static func currentVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("SELECT coalesce(max(version), 0) FROM schema_version", logger: logger)
        var version = 0
        for try await value in rows.decode(Int.self) { version = value }
        return version
    }

    private static func refuseNewer(_ found: Int) throws(StoreError) {
        if found > PostgresSchema.currentVersion {
            throw StoreError.newerSchema(found: found, supported: PostgresSchema.currentVersion)
        }
    }
}
