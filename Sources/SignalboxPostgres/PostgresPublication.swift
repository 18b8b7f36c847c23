import PostgresNIO
import SignalboxCore
import SignalboxStore

/// The `published_signals` table: one document of figures per window (``SignalPublication``), written by
/// `signalbox publish` as the store's owner and read by every console.
///
/// Only the owner writes it: no role is granted a write, and a trigger refuses one from any other login even if an
/// administrator grants it, so a wall can trust that the figures it shows were computed by the owner's publisher.
/// Each publication notifies ``PostgresSchema/changeChannel`` with the table's name, so consoles read it again.
enum PostgresPublication {
    static let table = "published_signals"

    static let statements: [String] = [
        """
        CREATE TABLE \(table) (
            window_us    bigint      PRIMARY KEY,
            published_at timestamptz NOT NULL,
            document     text        NOT NULL
        )
        """,
        """
        CREATE TRIGGER \(table)_owner_only BEFORE INSERT OR UPDATE OR DELETE ON \(table)
            FOR EACH ROW EXECUTE FUNCTION signalbox_owner_only()
        """,
        """
        CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
            FOR EACH STATEMENT EXECUTE FUNCTION signalbox_owner_only()
        """,
        PostgresSchema.grantViewerSelect(on: [table]),
    ]
}

extension PostgresStore: SignalPublishing {
    public func publish(_ publication: SignalPublication) async throws(StoreError) {
        try ensureWritable()
        let (window, document) = (publication.window.microseconds, publication.document)
        try await withTransaction { connection, logger in
            try await connection.query("""
                INSERT INTO published_signals (window_us, published_at, document) VALUES (\(window), now(), \(document))
                ON CONFLICT (window_us) DO UPDATE SET published_at = excluded.published_at, document = excluded.document
                """, logger: logger)
            try await connection.query("SELECT pg_notify(\(PostgresSchema.changeChannel), \(PostgresPublication.table))",
                                       logger: logger)
        }
    }

    public func signalPublication(window: SignalDuration) async throws(StoreError) -> SignalPublication? {
        try await withConnection { connection, logger in
            let rows = try await connection.query(
                "SELECT document FROM published_signals WHERE window_us = \(window.microseconds)", logger: logger)
            for try await document in rows.decode(String.self) {
                return SignalPublication(window: window, document: document)
            }
            return nil
        }
    }

    /// Notifications other than publications on a primary; on a standby, where every replay move counts, the same as
    /// ``changeToken()`` (a publisher writes, so it runs on the primary).
    public func logChangeToken() async throws(StoreError) -> Int64 {
        try await countedChanges(ignoringPublications: true)
    }
}
