import SignalboxCore
import SignalboxStore

/// The golden signals `/metrics` serves, computed at most once per store change (the store's change token), so
/// scrapes cost one cheap token read. Ages and age buckets move with the clock alone, so a snapshot is also
/// recomputed once it is ``maximumAge`` old, even on a quiet store. Concurrent scrapes share one computation.
actor SignalSnapshots {
    /// One computation: the signals, their exposition text, and the change token they reflect.
    struct Snapshot: Sendable {
        let token: Int64
        let signals: GoldenSignals
        let exposition: String
    }

    private let store: any SignalSource & EventLogReader
    private let window: SignalDuration
    private let maximumAge: SignalDuration
    private let clock: @Sendable () -> Timestamp
    private let computed: @Sendable () -> Void
    private var latest: Snapshot?
    private var pending: (token: Int64, task: Task<Snapshot, any Error>)?

    /// - Parameter computed: told after each computation (the service counts them).
    init(store: any SignalSource & EventLogReader, window: SignalDuration, maximumAge: SignalDuration,
         clock: @escaping @Sendable () -> Timestamp, computed: @escaping @Sendable () -> Void = {}) {
        self.store = store
        self.window = window
        self.maximumAge = maximumAge
        self.clock = clock
        self.computed = computed
    }

    /// The snapshot for the store as it is now: the last one while nothing changed and it is young enough.
    func current() async throws(StoreError) -> Snapshot {
        let token = try await store.changeToken()
        let now = clock()
        if let latest, latest.token == token, now.since(latest.signals.asOf) < maximumAge { return latest }
        if let pending, pending.token == token { return try await Self.value(of: pending.task) }
        // Whole seconds, so the as-of reads back exactly as an RFC 3339 instant and as a Prometheus float.
        let asOf = Timestamp(microseconds: now.microseconds - now.microseconds % 1_000_000)
        let (store, window, computed) = (store, window, computed)
        let task = Task<Snapshot, any Error> {
            let signals = try await store.signals(asOf: asOf, window: window)
            computed()
            return Snapshot(token: token, signals: signals, exposition: SignalExposition.render(signals))
        }
        pending = (token, task)
        defer { if pending?.token == token { pending = nil } }
        let snapshot = try await Self.value(of: task)
        if latest.map({ $0.token != token || $0.signals.asOf < snapshot.signals.asOf }) ?? true { latest = snapshot }
        return snapshot
    }

    private static func value(of task: Task<Snapshot, any Error>) async throws(StoreError) -> Snapshot {
        do { return try await task.value } catch let error as StoreError { throw error } catch {
            throw StoreError.unavailable("\(error)")
        }
    }
}
