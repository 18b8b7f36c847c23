/// Who did something, and when (the event's `occurred_at`).
public struct ActorStamp: Hashable, Sendable {
    public var by: String
    public var at: Timestamp

    public init(by: String, at: Timestamp) {
        self.by = by
        self.at = at
    }
}
