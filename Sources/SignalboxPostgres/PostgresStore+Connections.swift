import PostgresNIO
import SignalboxStore

extension PostgresStore {
    /// How long a call waits for a pooled connection before reporting the store unavailable. While the server is
    /// down the pool keeps reconnecting (with backoff) in the background; calls fail fast meanwhile.
    static let connectionWaitLimit: Duration = .seconds(3)

    /// Runs `body` on a pooled connection, translating whatever it throws into a ``StoreError``. Fails with
    /// ``StoreError/unavailable(_:)`` when no connection is available within ``connectionWaitLimit``; in that
    /// case `body` never runs, so nothing is half-done.
    func withConnection<Result: Sendable>(
        _ sql: String? = nil, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> Result
    ) async throws(StoreError) -> Result {
        try ensureOpen()
        let client = active.client
        let logger = self.logger
        let deadline = LeaseDeadline()
        let unavailable = StoreError.unavailable(
            "no connection to \(displayName) within \(Self.connectionWaitLimit.components.seconds) s (is the server running?)")
        do {
            return try await withThrowingTaskGroup(of: Result?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        guard await deadline.claim(.started) else { throw unavailable }
                        return try await body(connection, logger)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: Self.connectionWaitLimit)
                    if await deadline.claim(.timedOut) { throw unavailable }
                    return nil
                }
                while let outcome = try await group.next() {
                    if let value = outcome {
                        group.cancelAll()
                        return value
                    }
                }
                throw unavailable
            }
        } catch {
            let mapped = StoreError.mapping(error, user: configuration.user, sql: sql)
            let server = active.server
            if mapped == .readOnly, server.isStandby { throw StoreError.readOnlyReplica(server: server.address.description) }
            throw mapped
        }
    }

    /// Runs `body` in one transaction on a pooled connection (see ``withConnection(_:_:)``): committed when it
    /// returns, rolled back when it throws.
    func withTransaction<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> Result
    ) async throws(StoreError) -> Result {
        try await withConnection { connection, logger in
            try await connection.withTransaction(logger: logger) { connection in try await body(connection, logger) }
        }
    }
}

/// Decides, once, whether a call got its connection in time or gave up waiting.
private actor LeaseDeadline {
    enum Outcome { case started, timedOut }
    private var outcome: Outcome?

    /// True when `claimed` is the first outcome.
    func claim(_ claimed: Outcome) -> Bool {
        guard outcome == nil else { return false }
        outcome = claimed
        return true
    }
}
