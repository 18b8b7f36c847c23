import SignalboxCore

/// What a resolve-all did: the events written, the exceptions they resolve, and each one that failed, and why.
public struct BulkResolutionReport: Sendable {
    /// The events written, as sealed.
    public var events: [CanonicalEvent] = []
    /// The exceptions those events resolve.
    public var resolvedIDs: [String] = []
    public var failures: [FailedAction] = []

    public init() {}
}
