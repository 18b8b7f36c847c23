import Logging
import PostgresNIO
import SignalboxStore
import Synchronization

/// The server a store is connected to and the connection pool to it; replaced as a whole when the store fails
/// over to another server of its URL.
final class ActiveServer: Sendable {
    private struct Current: Sendable {
        var server: SelectedServer
        var client: PostgresClient
        var runTask: Task<Void, Never>
    }

    private let current: Mutex<Current>
    private let readOnly: Bool
    private let logger: Logger

    /// Starts a pool to `server`.
    init(_ server: SelectedServer, readOnly: Bool, logger: Logger) throws(StoreError) {
        self.readOnly = readOnly
        self.logger = logger
        current = Mutex(try Self.start(server, readOnly: readOnly, logger: logger))
    }

    /// The server now in use.
    var server: SelectedServer { current.withLock { $0.server } }

    /// The pool to the server now in use.
    var client: PostgresClient { current.withLock { $0.client } }

    /// Moves to `server` (a new pool; the old one is shut down), or only records its new role when it is
    /// the same server (a standby that was promoted keeps its pool).
    func switchTo(_ server: SelectedServer) throws(StoreError) {
        if self.server.address == server.address {
            current.withLock { $0.server = server }
            return
        }
        let next = try Self.start(server, readOnly: readOnly, logger: logger)
        let old = current.withLock { current in
            defer { current = next }
            return current.runTask
        }
        old.cancel()
        logger.notice("switched to server \(server.address) (standby: \(server.isStandby))")
    }

    /// Shuts the pool down, waiting at most ``closeWaitLimit`` for it to finish (a pool whose server vanished
    /// during a failover may never drain; closing must not hang on it).
    func close() async {
        let task = current.withLock { $0.runTask }
        task.cancel()
        await Self.finish(task, within: Self.closeWaitLimit)
    }

    /// How long ``close()`` waits for the pool's run loop to end.
    static let closeWaitLimit: Duration = .seconds(2)

    /// Waits for `task` to end, or for `limit` to pass. (Not a task group: a group would wait for `task` anyway,
    /// since awaiting a task's value does not end with cancellation.)
    static func finish(_ task: Task<Void, Never>, within limit: Duration) async {
        await withCheckedContinuation { continuation in
            let waiter = ResumeOnce(continuation)
            Task {
                await task.value
                waiter.resume()
            }
            Task {
                try? await Task.sleep(for: limit)
                waiter.resume()
            }
        }
    }

    /// The most connections one store holds: the `LISTEN` connection, three for concurrent calls, and the one that a
    /// signals read may borrow (``PostgresStore/readSharedSnapshot(asOf:window:_:)``), so that borrowing never takes a
    /// connection another call would have had. The pool closes connections that stay idle.
    static let maximumConnections = 5

    private static func start(_ server: SelectedServer, readOnly: Bool, logger: Logger) throws(StoreError) -> Current {
        let configuration: PostgresClient.Configuration
        do {
            configuration = try server.configuration.clientConfiguration(readOnly: readOnly,
                                                                          maximumConnections: maximumConnections)
        } catch {
            throw StoreError.unavailable(error.description)
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return Current(server: server, client: client, runTask: Task { await client.run() })
    }
}

/// A continuation resumed by whichever of several tasks comes first.
private final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Void, Never>?>

    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = Mutex(continuation) }

    func resume() { continuation.withLock { $0.take() }?.resume() }
}
