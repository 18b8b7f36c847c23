/// A canonical event together with its position in the log.
///
/// Core cannot see the store's own row type, so the exception rules take this
/// minimal pair: the store's `sequence` (strictly increasing in ingest order)
/// and the event.
///
/// ```swift
/// let logged = LoggedEvent(sequence: 42, event: event)
/// ```
public struct LoggedEvent: Hashable, Sendable {
    /// The event's position in the log; later-ingested events have larger numbers.
    public var sequence: Int64
    public var event: CanonicalEvent

    public init(sequence: Int64, event: CanonicalEvent) {
        self.sequence = sequence
        self.event = event
    }
}
