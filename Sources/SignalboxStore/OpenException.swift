import SignalboxCore

/// An exception open as of some instant, for the backlog drill-down.
public struct OpenException: Equatable, Sendable {
    public var exceptionID: String
    public var kind: String
    public var severity: String
    public var raisedAt: Timestamp
    public var correlationID: String
    public var summary: String

    public init(exceptionID: String, kind: String, severity: String, raisedAt: Timestamp, correlationID: String, summary: String) {
        self.exceptionID = exceptionID
        self.kind = kind
        self.severity = severity
        self.raisedAt = raisedAt
        self.correlationID = correlationID
        self.summary = summary
    }
}
