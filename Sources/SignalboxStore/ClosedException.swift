import SignalboxCore

/// An exception first closed in the window (signal 7's population).
public struct ClosedException: Equatable, Sendable {
    public var exceptionID: String
    /// The kind of its latest raise as of T.
    public var kind: String
    public var correlationID: String
    public var raisedAt: Timestamp
    public var closedAt: Timestamp
    /// Closed first by `exception.dismissed` (else by `exception.resolved`).
    public var dismissed: Bool

    public init(exceptionID: String, kind: String, correlationID: String, raisedAt: Timestamp, closedAt: Timestamp, dismissed: Bool) {
        self.exceptionID = exceptionID
        self.kind = kind
        self.correlationID = correlationID
        self.raisedAt = raisedAt
        self.closedAt = closedAt
        self.dismissed = dismissed
    }

    /// What the signal counts of it.
    public var closing: ExceptionClosing { ExceptionClosing(kind: kind, raisedAt: raisedAt, closedAt: closedAt, dismissed: dismissed) }
}
