import SignalboxCore

/// A batch written in one transaction.
public struct IngestBatch: Sendable {
    public var lines: [IngestLine]
    /// How much earlier than the approval it answers a `reprocess.completed` may be dated (the clock skew between
    /// signalbox and the middleware) before ingest refuses it; none by default (see ``ExceptionRules/admit(_:on:clockSkew:)``).
    public var clockSkewTolerance: SignalDuration

    public init(lines: [IngestLine], clockSkewTolerance: SignalDuration = .zero) {
        self.lines = lines
        self.clockSkewTolerance = clockSkewTolerance
    }
}
