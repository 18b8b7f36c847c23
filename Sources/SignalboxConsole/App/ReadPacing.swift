import SignalboxCore

/// Spaces the console's recurring reads by what they cost, so that no read holds more than a `costFactor`-th of a
/// core however large the store grows: the three that can run at once (sections 1–9, §10, the trends) hold under a
/// tenth together, with room left for drawing and polling.
///
/// A read that last took C is not started again before `costFactor × C` has passed (and never before the floor the
/// caller gives, such as the recompute interval): a read costing a second runs every 40 s, one costing 25 ms every
/// interval. The signals are read again within ``longestSpacing`` whatever they cost, so the figures on screen are
/// never older than a minute plus their cost; the trends (sparklines) wait as long as their cost says. Hidden
/// figures wait the longest spacing.
///
/// ```swift
/// var pacing = ReadPacing()
/// pacing.started(.trends, at: now)
/// pacing.finished(.trends, cost: .seconds(1))
/// pacing.allows(.trends, at: now.adding(.seconds(5)), floor: .zero)   // false until 40 s later
/// ```
public struct ReadPacing: Equatable, Sendable {
    /// The console's recurring reads.
    public enum Read: Hashable, Sendable {
        /// One group of the golden signals' sections.
        case signals(SignalReadGroup)
        /// The trend sampling behind the sparklines.
        case trends
    }

    /// A read's last start, and what it cost (zero until it finished once).
    struct Record: Equatable, Sendable {
        var started: Timestamp
        var cost: SignalDuration
    }

    /// How many times its own cost a console's read waits before it runs again.
    public static let consoleCostFactor: Int64 = 40
    /// The most a signals read ever waits once it is wanted: figures on screen are never older than this plus its cost.
    public static let longestSpacing = SignalDuration.seconds(60)

    private var records: [Read: Record] = [:]
    /// How many times its own cost a read waits before it runs again (``consoleCostFactor`` for a console).
    public let costFactor: Int64

    /// Pacing that spaces a read by `costFactor` times its cost.
    public init(costFactor: Int64 = ReadPacing.consoleCostFactor) {
        self.costFactor = costFactor
    }

    /// The least time between two starts of `read`: `costFactor` times its last cost, at least `floor`; for the
    /// signals, at most ``longestSpacing`` (or `floor`, if longer).
    public func spacing(of read: Read, floor: SignalDuration) -> SignalDuration {
        let byCost = SignalDuration(microseconds: cost(of: read).microseconds * costFactor)
        guard case .signals = read else { return max(floor, byCost) }
        return max(floor, min(Self.longestSpacing, byCost))
    }

    /// Whether `read` may start at `now`: it never ran, or its spacing has passed since it last started.
    public func allows(_ read: Read, at now: Timestamp, floor: SignalDuration) -> Bool {
        guard let record = records[read] else { return true }
        return now.since(record.started) >= spacing(of: read, floor: floor)
    }

    /// `read` starts at `now`.
    public mutating func started(_ read: Read, at now: Timestamp) {
        records[read, default: Record(started: now, cost: .zero)].started = now
    }

    /// `read` finished after `cost` (wall time, start to answer).
    public mutating func finished(_ read: Read, cost: SignalDuration) {
        records[read]?.cost = cost   // a read never started has no pace to keep
    }

    /// The last cost of `read` (zero if it never finished).
    public func cost(of read: Read) -> SignalDuration { records[read]?.cost ?? .zero }
}
