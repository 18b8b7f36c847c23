import Logging
import PostgresNIO
import SignalboxCore
import SignalboxStore
import Synchronization

/// The canonical event store in a PostgreSQL database, shared by many consoles.
///
/// The store owns a PostgresNIO connection pool to one server of its URL (the first that matches
/// `target_session_attrs`; see ``ServerSelection``), whose run loop lives in a task started by
/// ``open(_:readOnly:clock:logger:)`` and ended by ``close()``. On a primary, one pooled connection stays in
/// `LISTEN` on ``PostgresSchema/changeChannel``: every committed insert notifies it, and ``changeToken()`` is the
/// number of notifications seen, so an idle console costs no queries. On a hot standby, where `LISTEN` is not
/// allowed, the replay position is polled once per ``standbyPollInterval`` instead. When the server is lost, the
/// store selects a server again, so with two hosts in the URL it moves to a promoted standby by itself.
///
/// ```swift
/// let store = try await PostgresStore.open(try PostgresConfiguration(url: url, environment: .current()))
/// try await store.migrate()
/// ```
public final class PostgresStore: EventStore {
    /// A logger that discards everything: the default, so the driver never writes to the screen.
    public static let silentLogger = Logger(label: "signalbox.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// How often a store on a standby polls the replay position (the console's refresh floor).
    public static let standbyPollInterval: Duration = .seconds(1)

    /// The configuration as opened, with all of its servers.
    public let configuration: PostgresConfiguration
    public let isReadOnly: Bool
    /// `user@host:port/database` of the server in use now.
    public var displayName: String { active.server.configuration.displayName }

    /// The server in use now.
    public var server: ServerAddress { active.server.address }

    /// Whether the server in use now is a hot standby (a read-only replica).
    public var isOnStandby: Bool { active.server.isStandby }

    let active: ActiveServer
    let logger: Logger
    /// The arrival time stamped on ingested rows.
    let clock: @Sendable () -> Timestamp
    private let readiness: AsyncStream<Result<Void, StoreError>>
    private let changes = ChangeCounter()
    /// Which read holds a second connection (``readSharedSnapshot(asOf:window:_:)``).
    let secondConnectionGate = SecondConnectionGate()
    private let monitorTask: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let closed = Mutex(false)

    /// Connects (failing with ``StoreError/unavailable(_:)`` when no server can be reached or the login is refused,
    /// with ``StoreError/readOnlyReplica(server:)`` when a writer finds only standbys) and starts watching for
    /// changes. With `readOnly`, sessions default to read-only transactions, so the server itself refuses writes
    /// even if a caller tried one. `clock` stamps the arrival time of ingested rows.
    public static func open(_ configuration: PostgresConfiguration, readOnly: Bool = false,
                            clock: @escaping @Sendable () -> Timestamp = SystemClock.now,
                            logger: Logger = PostgresStore.silentLogger) async throws(StoreError) -> PostgresStore {
        let wanted = targetAttributes(configuration, readOnly: readOnly)
        let selected = try await ServerSelection.select(configuration, readOnly: readOnly, wanted: wanted, logger: logger)
        if !readOnly && selected.isStandby { throw StoreError.readOnlyReplica(server: selected.address.description) }
        let store = PostgresStore(configuration: configuration, active: try ActiveServer(selected, readOnly: readOnly, logger: logger),
                                  readOnly: readOnly, clock: clock, logger: logger)
        do {
            try await store.waitUntilReady()
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Opens the store a `postgres://` URL names, completing it from `environment` like libpq; an invalid URL
    /// fails with ``StoreError/unavailable(_:)`` naming what is wrong (never the password). `applicationName`
    /// is used when neither the URL nor `PGAPPNAME` names one.
    public static func open(url: String, environment: PostgresEnvironment = .current(), readOnly: Bool = false,
                            applicationName: String? = nil,
                            clock: @escaping @Sendable () -> Timestamp = SystemClock.now,
                            logger: Logger = PostgresStore.silentLogger) async throws(StoreError) -> PostgresStore {
        var configuration: PostgresConfiguration
        do {
            configuration = try PostgresConfiguration(url: url, environment: environment)
        } catch {
            throw StoreError.unavailable(error.description)
        }
        if configuration.applicationName == nil { configuration.applicationName = applicationName }
        return try await open(configuration, readOnly: readOnly, clock: clock, logger: logger)
    }

    /// `target_session_attrs` as given, else `read-write` for a writer and `any` for a reader.
    static func targetAttributes(_ configuration: PostgresConfiguration, readOnly: Bool) -> TargetSessionAttributes {
        configuration.targetSessionAttributes ?? (readOnly ? .any : .readWrite)
    }

    private init(configuration: PostgresConfiguration, active: ActiveServer, readOnly: Bool,
                 clock: @escaping @Sendable () -> Timestamp, logger: Logger) {
        self.configuration = configuration
        self.active = active
        self.clock = clock
        self.isReadOnly = readOnly
        self.logger = logger
        let (readiness, readinessContinuation) = AsyncStream.makeStream(of: Result<Void, StoreError>.self)
        self.readiness = readiness
        let monitor = ChangeMonitor(configuration: configuration, active: active, counter: changes, readOnly: readOnly,
                                    wanted: Self.targetAttributes(configuration, readOnly: readOnly), logger: logger)
        monitorTask.withLock { $0 = Task { await monitor.run(readiness: readinessContinuation) } }
    }

    private func waitUntilReady() async throws(StoreError) {
        for await outcome in readiness {
            try outcome.get()
            return
        }
        throw StoreError.unavailable("the store was closed while connecting to \(displayName)")
    }

    /// Zero: every projection commits in the transaction that logs its events.
    public func eventsNotYetInSignals() async throws(StoreError) -> Int {
        try ensureOpen()
        return 0
    }

    /// Unknown: a sequence number is drawn before its transaction commits, so a transaction that commits later may
    /// hold a lower one than a position read meanwhile; a console reads every trend bucket again on PostgreSQL.
    public func signalChanges(since position: Int64?) async throws(StoreError) -> SignalChanges {
        try ensureOpen()
        return .unknown
    }

    /// The count of changes seen (notifications on a primary, replay-position moves on a standby); fails with
    /// ``StoreError/unavailable(_:)`` while the watching connection is down (the server stopped or the network went away), so consoles show their data as stale.
    public func changeToken() async throws(StoreError) -> Int64 {
        try await countedChanges(ignoringPublications: false)
    }

    /// ``changeToken()``, or with `ignoringPublications` the changes that were not publications of figures
    /// (``logChangeToken()``); fails the same way while the watching connection is down.
    func countedChanges(ignoringPublications: Bool) async throws(StoreError) -> Int64 {
        try ensureOpen()
        if let outage = await changes.outage { throw outage }
        return ignoringPublications ? await changes.logValue : await changes.value
    }

    /// Waits until ``changeToken()`` moves past `token` and returns the new token; returns the current token
    /// when the calling task is cancelled.
    public func waitForChange(after token: Int64) async -> Int64 {
        await changes.wait(after: token)
    }

    public func close() async {
        closed.withLock { $0 = true }
        let monitor = monitorTask.withLock { $0 }
        if let monitor {
            monitor.cancel()
            await ActiveServer.finish(monitor, within: ActiveServer.closeWaitLimit)
        }
        await active.close()
    }

    func ensureOpen() throws(StoreError) {
        if closed.withLock({ $0 }) { throw StoreError.unavailable("the connection to \(displayName) was closed") }
    }

    /// Refuses a write before it starts: on a standby with ``StoreError/readOnlyReplica(server:)``, on a store
    /// opened read-only with ``StoreError/readOnly``.
    func ensureWritable() throws(StoreError) {
        let server = active.server
        if server.isStandby { throw StoreError.readOnlyReplica(server: server.address.description) }
        if isReadOnly { throw StoreError.readOnly }
    }

    /// Writers queue on PostgreSQL's row locks without a time limit, so a write never has to say it waits.
    public func onWaitingForAnotherWriter(_ notice: @escaping @Sendable () -> Void) async {}
}
