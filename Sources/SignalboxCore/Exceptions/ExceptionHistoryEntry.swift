/// One thing that happened to an exception: who, when, what (for the history pane and stale-version messages).
public struct ExceptionHistoryEntry: Hashable, Sendable {
    /// The log position of the event.
    public var sequence: Int64
    public var eventID: String
    /// The user (`by`) or, for events without one, the emitting system (`MIDDLEWARE`).
    public var actor: String
    public var at: Timestamp
    /// What happened, phrased to follow "<actor> …": `claimed it`, `dismissed it: duplicate`.
    public var description: String

    public init(sequence: Int64, eventID: String, actor: String, at: Timestamp, description: String) {
        self.sequence = sequence
        self.eventID = eventID
        self.actor = actor
        self.at = at
        self.description = description
    }
}

/// A note left on an exception.
public struct ExceptionNote: Hashable, Sendable {
    public var by: String
    public var at: Timestamp
    public var text: String

    public init(by: String, at: Timestamp, text: String) {
        self.by = by
        self.at = at
        self.text = text
    }
}
