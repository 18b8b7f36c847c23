import SignalboxCore

/// One row of the exception queue.
public struct ExceptionRow: Equatable, Sendable {
    public var exceptionID: String
    public var kind: String
    public var severity: String
    public var summary: String
    public var subject: SystemRecord?
    public var correlationID: String
    public var amountAtRisk: ExactDecimal?
    public var currency: String?
    public var state: QueueState
    /// The state in words: `claimed by alice`, `reprocess pending approval (requested by bob)`.
    public var stateLabel: String
    public var assignee: String?
    public var raisedAt: Timestamp
    /// The exception's version: the sequence of the last event applied to it.
    public var version: Int64
    public var lastChange: ActorStamp?
    /// Where this row stands in the query's order.
    public var cursor: ExceptionCursor

    public init(exceptionID: String, kind: String, severity: String, summary: String, subject: SystemRecord?,
                correlationID: String, amountAtRisk: ExactDecimal?, currency: String?, state: QueueState,
                stateLabel: String, assignee: String?, raisedAt: Timestamp, version: Int64, lastChange: ActorStamp?,
                cursor: ExceptionCursor) {
        self.exceptionID = exceptionID
        self.kind = kind
        self.severity = severity
        self.summary = summary
        self.subject = subject
        self.correlationID = correlationID
        self.amountAtRisk = amountAtRisk
        self.currency = currency
        self.state = state
        self.stateLabel = stateLabel
        self.assignee = assignee
        self.raisedAt = raisedAt
        self.version = version
        self.lastChange = lastChange
        self.cursor = cursor
    }
}
