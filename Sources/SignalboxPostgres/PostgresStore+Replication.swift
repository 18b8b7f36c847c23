import PostgresNIO
import SignalboxCore
import SignalboxStore

extension PostgresStore {
    /// How far the data read now trails the primary: zero on a primary, or on a standby streaming from its
    /// primary that has replayed all it received; otherwise (behind, or cut off from the primary) the time since
    /// the last transaction it replayed was committed (`pg_last_xact_replay_timestamp()`).
    public func replicationLag() async throws(StoreError) -> SignalDuration {
        guard active.server.isStandby else { return SignalDuration(microseconds: 0) }
        let sql = """
            SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0
                        WHEN EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE pid IS NOT NULL)
                             AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                        ELSE coalesce((extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000000)::bigint, 0)
                   END
            """
        return try await withConnection(sql) { connection, logger in
            var lag: Int64 = 0
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(Int64.self) {
                lag = value
            }
            return SignalDuration(microseconds: max(0, lag))
        }
    }
}
