import PostgresNIO
import SignalboxCore
import SignalboxStore
import Synchronization

extension PostgresStore {
    /// Runs `body` in the transaction of ``readSnapshot(asOf:window:_:)`` (`REPEATABLE READ, READ ONLY`), and
    /// gives it a second pooled connection (`helper`) whose transaction reads the very same snapshot, exported with
    /// `pg_export_snapshot()` as `pg_dump --jobs` does, so that two parts of one read run at once on the server.
    ///
    /// `helper` is nil, and `body` runs everything on the first connection, on a hot standby (a snapshot cannot be
    /// exported during recovery) and while another read of this store holds its second connection: at most one read
    /// holds two connections at a time, so reads waiting for a second never exhaust the pool between them.
    func readSharedSnapshot<Result: Sendable>(
        asOf: Timestamp, window: SignalDuration,
        _ body: @escaping @Sendable (PostgresSignalQueries, PostgresSignalQueries?) async throws -> Result
    ) async throws(StoreError) -> Result {
        let gate = secondConnectionGate
        return try await readSnapshot(asOf: asOf, window: window) { main in
            guard gate.enter() else { return try await body(main, nil) }
            defer { gate.leave() }
            guard let snapshot = try await Self.exportSnapshot(main.connection, logger: main.logger) else {
                return try await body(main, nil)
            }
            // Leased like any other connection: a pool that cannot lend it within the wait limit fails the read.
            return try await self.withConnection { helperConnection, logger in
                try await helperConnection.withTransaction(logger: logger) { helperConnection in
                    try await helperConnection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
                    try await helperConnection.query(PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(snapshot)'"), logger: logger)
                    let helper = PostgresSignalQueries(connection: helperConnection, logger: logger, asOf: asOf, window: window)
                    return try await body(main, helper)
                }
            }
        }
    }

    /// The identifier of the transaction's snapshot, exported for another session to import; nil on a hot standby.
    /// The server writes it as hexadecimal numbers and dashes; anything else is refused rather than quoted into SQL.
    private static func exportSnapshot(_ connection: PostgresConnection, logger: Logger) async throws -> String? {
        let rows = try await connection.query(
            "SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_export_snapshot() END", logger: logger)
        for try await snapshot in rows.decode(String?.self) {
            guard let snapshot else { return nil }
            guard !snapshot.isEmpty, snapshot.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
                throw StoreError.database(message: "the server exported an unexpected snapshot identifier", sql: nil)
            }
            return snapshot
        }
        return nil
    }
}

/// Lets one read at a time hold a second pooled connection (``PostgresStore/readSharedSnapshot(asOf:window:_:)``).
final class SecondConnectionGate: Sendable {
    private let held = Mutex(false)

    /// True, and the gate is held, when no other read holds it; false at once otherwise.
    func enter() -> Bool {
        held.withLock { held in
            guard !held else { return false }
            held = true
            return true
        }
    }

    func leave() { held.withLock { $0 = false } }
}
