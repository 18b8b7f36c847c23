import Logging
import PostgresNIO
import SignalboxCore
import SignalboxStore

/// The canonical event store in a PostgreSQL database, shared by many consoles.
///
/// The store owns a PostgresNIO connection pool whose run loop lives in a task started by ``open(_:readOnly:logger:)``
/// and ended by ``close()``. One pooled connection stays in `LISTEN` on ``PostgresSchema/changeChannel``: every
/// committed insert notifies it, and ``changeToken()`` is the number of notifications seen, so an idle console
/// costs no queries.
///
/// ```swift
/// let store = try await PostgresStore.open(try PostgresConfiguration(url: url, environment: .current()))
/// try await store.migrate()
/// ```
public final class PostgresStore: EventStore {
    /// A logger that discards everything: the default, so the driver never writes to the screen.
    public static let silentLogger = Logger(label: "signalbox.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    public let configuration: PostgresConfiguration
    public let isReadOnly: Bool
    public var displayName: String { configuration.displayName }

    let client: PostgresClient
    let logger: Logger
    /// The arrival time stamped on ingested rows.
    let clock: @Sendable () -> Timestamp
    private let readiness: AsyncStream<Result<Void, StoreError>>
    private let changes = ChangeCounter()
    private let runTask: Task<Void, Never>
    private let listenTask: Task<Void, Never>

    /// Connects (failing with ``StoreError/unavailable(_:)`` when the server cannot be reached or refuses the login)
    /// and starts listening for changes. With `readOnly`, sessions default to read-only transactions, so the server
    /// refuses writes even if a caller tried one. `clock` stamps the arrival time of ingested rows.
    public static func open(_ configuration: PostgresConfiguration, readOnly: Bool = false,
                            clock: @escaping @Sendable () -> Timestamp = SystemClock.now,
                            logger: Logger = PostgresStore.silentLogger) async throws(StoreError) -> PostgresStore {
        try await checkReachable(configuration, readOnly: readOnly, logger: logger)
        let store = PostgresStore(configuration: configuration, readOnly: readOnly, clock: clock, logger: logger)
        do {
            try await store.waitUntilListening()
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Opens the store a `postgres://` URL names, completing it from `environment` like libpq; an invalid URL
    /// fails with ``StoreError/unavailable(_:)`` naming what is wrong (never the password).
    public static func open(url: String, environment: PostgresEnvironment = .current(), readOnly: Bool = false,
                            clock: @escaping @Sendable () -> Timestamp = SystemClock.now,
                            logger: Logger = PostgresStore.silentLogger) async throws(StoreError) -> PostgresStore {
        let configuration: PostgresConfiguration
        do {
            configuration = try PostgresConfiguration(url: url, environment: environment)
        } catch {
            throw StoreError.unavailable(error.description)
        }
        return try await open(configuration, readOnly: readOnly, clock: clock, logger: logger)
    }

    private init(configuration: PostgresConfiguration, readOnly: Bool, clock: @escaping @Sendable () -> Timestamp,
                 logger: Logger) {
        self.configuration = configuration
        self.clock = clock
        self.isReadOnly = readOnly
        self.logger = logger
        let client = PostgresClient(
            configuration: configuration.clientConfiguration(readOnly: readOnly, maximumConnections: 4),
            backgroundLogger: logger
        )
        self.client = client
        self.runTask = Task { await client.run() }
        let (readiness, readinessContinuation) = AsyncStream.makeStream(of: Result<Void, StoreError>.self)
        self.readiness = readiness
        let changes = self.changes
        let user = configuration.user
        self.listenTask = Task {
            await Self.listenForChanges(client: client, counter: changes, user: user, readiness: readinessContinuation)
        }
    }

    /// Opens and closes one connection, so that an unreachable server or a refused login fails at once.
    private static func checkReachable(_ configuration: PostgresConfiguration, readOnly: Bool,
                                       logger: Logger) async throws(StoreError) {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try configuration.connectionConfiguration(readOnly: readOnly), id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw StoreError.mapping(error, user: configuration.user)
        }
    }

    private func waitUntilListening() async throws(StoreError) {
        for await outcome in readiness {
            try outcome.get()
            return
        }
        throw StoreError.unavailable("the store was closed while connecting to \(displayName)")
    }

    /// Keeps one connection listening; after a lost connection, reconnects and counts one change, since
    /// notifications may have been missed meanwhile.
    private static func listenForChanges(client: PostgresClient, counter: ChangeCounter, user: String,
                                         readiness: AsyncStream<Result<Void, StoreError>>.Continuation) async {
        var connectedBefore = false
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: PostgresSchema.changeChannel) { notifications in
                        await counter.markListening()
                        readiness.yield(.success(()))
                        if connectedBefore { await counter.increment() }
                        connectedBefore = true
                        for try await _ in notifications { await counter.increment() }
                    }
                }
            } catch {
                if connectedBefore { await counter.markLost(StoreError.mapping(error, user: user)) }
                if !connectedBefore {
                    readiness.yield(.failure(StoreError.mapping(error, user: user)))
                    readiness.finish()
                    return
                }
            }
            // The pool reconnects with backoff while the lease waits; this pause only spaces out immediate failures.
            try? await Task.sleep(for: .milliseconds(500))
        }
        readiness.finish()
    }

    /// Zero: every projection commits in the transaction that logs its events.
    public func eventsNotYetInSignals() async throws(StoreError) -> Int {
        try ensureOpen()
        return 0
    }

    /// The count of change notifications; fails with ``StoreError/unavailable(_:)`` while the listening
    /// connection is down (the server stopped or the network went away), so consoles show their data as stale.
    public func changeToken() async throws(StoreError) -> Int64 {
        try ensureOpen()
        if let outage = await changes.outage { throw outage }
        return await changes.value
    }

    /// Waits until ``changeToken()`` moves past `token` and returns the new token; returns the current token
    /// when the calling task is cancelled.
    public func waitForChange(after token: Int64) async -> Int64 {
        await changes.wait(after: token)
    }

    public func close() async {
        listenTask.cancel()
        runTask.cancel()
        await listenTask.value
        await runTask.value
    }

    func ensureOpen() throws(StoreError) {
        if runTask.isCancelled { throw StoreError.unavailable("the connection to \(displayName) was closed") }
    }

    func ensureWritable() throws(StoreError) {
        if isReadOnly { throw StoreError.readOnly }
    }

    /// Writers queue on PostgreSQL's row locks without a time limit, so a write never has to say it waits.
    public func onWaitingForAnotherWriter(_ notice: @escaping @Sendable () -> Void) async {}
}
