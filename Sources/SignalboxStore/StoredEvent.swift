import SignalboxCore

/// An event as stored: with its arrival sequence number.
public struct StoredEvent: Equatable, Sendable {
    /// Arrival order in this store (1, 2, …); ties in `occurred_at` are broken by it.
    public var sequence: Int64
    public var event: CanonicalEvent

    public init(sequence: Int64, event: CanonicalEvent) {
        self.sequence = sequence
        self.event = event
    }

    /// Latest-wins order: later `occurred_at`, then later arrival.
    public func isLater(than other: StoredEvent) -> Bool {
        (event.occurredAt, sequence) > (other.event.occurredAt, other.sequence)
    }
}
