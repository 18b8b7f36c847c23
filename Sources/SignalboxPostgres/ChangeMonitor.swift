import Logging
import PostgresNIO
import SignalboxStore

/// Watches the store's server for changes and keeps the store on a usable server.
///
/// On a primary it holds one pooled connection in `LISTEN`; on a hot standby (no `LISTEN` during recovery) it
/// polls `pg_last_wal_replay_lsn()` every ``PostgresStore/standbyPollInterval`` and counts a change whenever the
/// replay position moves. When the connection is lost it reports the outage to the counter (consoles show their
/// data as stale) and selects a server again among the URL's servers, so a console follows a failover by itself;
/// after reconnecting it counts one change (``ChangeCounter/markListening()``).
struct ChangeMonitor: Sendable {
    let configuration: PostgresConfiguration
    let active: ActiveServer
    let counter: ChangeCounter
    let readOnly: Bool
    let wanted: TargetSessionAttributes
    let logger: Logger

    /// Runs until cancelled; `readiness` hears the first outcome (watching, or why the first attempt failed).
    func run(readiness: AsyncStream<Result<Void, StoreError>>.Continuation) async {
        while !Task.isCancelled {
            let server = active.server
            do {
                if server.isStandby {
                    try await poll { readiness.yield(.success(())) }
                } else {
                    try await listen { readiness.yield(.success(())) }
                }
            } catch {
                let failure = StoreError.mapping(error, user: configuration.user)
                guard await counter.hasWatched else {
                    readiness.yield(.failure(failure))
                    readiness.finish()
                    return
                }
                if case .promoted = error as? RoleChange {
                    logger.notice("standby \(server.address) was promoted; listening for changes there")
                } else {
                    logger.warning("lost \(server.address): \(failure)")
                    await counter.markLost(failure)
                }
            }
            // Back to watching only once a server answers: a lease on a lost server's pool could wait for it forever.
            while !Task.isCancelled, await !reselect() {
                try? await Task.sleep(for: Self.retryPause)
            }
        }
        readiness.finish()
    }

    /// The pause between attempts to find a server after a loss.
    static let retryPause: Duration = .milliseconds(250)

    /// `LISTEN` on a primary; `subscribed` runs once the subscription stands.
    private func listen(subscribed: @escaping @Sendable () -> Void) async throws {
        try await active.client.withConnection { connection in
            try await connection.listen(on: PostgresSchema.changeChannel) { notifications in
                await counter.markListening()
                subscribed()
                for try await notification in notifications {
                    await counter.increment(publication: notification.payload == PostgresPublication.table)
                }
            }
        }
    }

    /// Polls the replay position on a standby; throws ``RoleChange/promoted`` when the server left recovery.
    private func poll(started: @escaping @Sendable () -> Void) async throws {
        try await active.client.withConnection { connection in
            var last: String?
            while !Task.isCancelled {
                let rows = try await connection.query(
                    "SELECT pg_is_in_recovery(), coalesce(pg_last_wal_replay_lsn()::text, '')", logger: logger)
                var state: (inRecovery: Bool, position: String)?
                for try await row in rows.decode((Bool, String).self) { state = (row.0, row.1) }
                guard let state, state.inRecovery else { throw RoleChange.promoted }
                if last == nil {
                    await counter.markListening()
                    started()
                } else if state.position != last {
                    await counter.increment()
                }
                last = state.position
                try await Task.sleep(for: PostgresStore.standbyPollInterval)
            }
        }
    }

    /// Selects a server again after a loss; moves the store when another server (or a new role) is found.
    /// False while no server of the URL will do.
    private func reselect() async -> Bool {
        do {
            let selected = try await ServerSelection.select(configuration, readOnly: readOnly, wanted: wanted, logger: logger)
            if !readOnly && selected.isStandby { return false }
            if selected != active.server { try active.switchTo(selected) }
            return true
        } catch {
            logger.info("no server to switch to yet: \(error)")
            return false
        }
    }
}

/// The standby being polled was promoted to primary.
enum RoleChange: Error { case promoted }
