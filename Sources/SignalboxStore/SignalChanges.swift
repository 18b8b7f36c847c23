import SignalboxCore

/// What was written to a store since a earlier look, told by instant: the signals as of an instant before
/// ``earliestChanged`` are what they were then. Lets a console reuse trend buckets that no write touched.
///
/// ```swift
/// let changes = try await store.signalChanges(since: previous.position)
/// if let position = changes.position, changes.isUnchanged(asOf: bucketEnd) { /* reuse the bucket */ }
/// ```
public struct SignalChanges: Equatable, Sendable {
    /// Where the log stands now, to pass as `since` next time; `nil` when the store cannot tell (every instant
    /// may then have changed).
    public var position: Int64?
    /// The earliest `occurred_at` among the events written after `since`; `nil` when none was.
    public var earliestChanged: Timestamp?

    /// Creates the answer.
    public init(position: Int64?, earliestChanged: Timestamp?) {
        self.position = position
        self.earliestChanged = earliestChanged
    }

    /// The answer of a store that cannot say what changed: nothing may be reused.
    public static let unknown = SignalChanges(position: nil, earliestChanged: nil)

    /// Whether the signals as of `instant` are still what they were at the `since` position this answers
    /// (false when either position is unknown). Signals as of an instant read only events that occurred by it.
    public func isUnchanged(asOf instant: Timestamp, since earlier: Int64?) -> Bool {
        guard earlier != nil, position != nil else { return false }
        guard let earliestChanged else { return true }
        return instant < earliestChanged
    }
}
