import SignalboxCore

/// What the user chose on the command line; fixed for the session.
public struct ConsoleSettings: Equatable, Sendable {
    /// Shortest allowed refresh interval (the `--refresh` floor).
    public static let minimumRefresh = SignalDuration.seconds(1)

    /// The store's `displayName` (never holds a password).
    public var storeName: String
    /// The name actions are recorded under: who the store authenticates (`EventStore.identity()`).
    public var userName: String
    /// The store was opened read-only (`--read-only`, implied by `--wall`).
    public var readOnly: Bool
    /// `--wall`: large tiles rotating every `rotateInterval`, no prompts.
    public var wall: Bool
    /// How often the change token is polled.
    public var refreshInterval: SignalDuration
    /// The least time between two recomputes the store's changes start (signals, trends, the open list): a burst of
    /// writes is read once per interval at most. `r` and `:refresh` recompute at once.
    public var recomputeInterval: SignalDuration
    /// How often the wall display moves to the next tile.
    public var rotateInterval: SignalDuration
    /// The signal window.
    public var window: SignalDuration
    /// A fixed as-of instant; `nil` means "now" at each refresh.
    public var fixedAsOf: Timestamp?
    /// The as-of is the demo's (the instant its simulator had written through), not the wall clock: the status
    /// bar says so.
    public var asOfIsTheDemos: Bool
    /// Health thresholds per signal.
    public var configuration: ConsoleConfiguration

    public init(storeName: String, userName: String, readOnly: Bool, wall: Bool = false,
                refreshInterval: SignalDuration = .seconds(2), recomputeInterval: SignalDuration = .seconds(10),
                rotateInterval: SignalDuration = .seconds(10),
                window: SignalDuration = .days(7), fixedAsOf: Timestamp? = nil, asOfIsTheDemos: Bool = false,
                configuration: ConsoleConfiguration) {
        self.storeName = storeName
        self.userName = userName
        self.readOnly = readOnly || wall
        self.wall = wall
        self.refreshInterval = max(refreshInterval, ConsoleSettings.minimumRefresh)
        self.recomputeInterval = max(recomputeInterval, ConsoleSettings.minimumRefresh)
        self.rotateInterval = max(rotateInterval, ConsoleSettings.minimumRefresh)
        self.window = window
        self.fixedAsOf = fixedAsOf
        self.asOfIsTheDemos = asOfIsTheDemos
        self.configuration = configuration
    }
}
