import SignalboxCore

/// Where an exception stands in the queue, as stored for filtering and sorting.
public enum QueueState: String, CaseIterable, Sendable {
    case open, claimed, pendingApproval = "pending_approval", reprocessing, resolved, dismissed

    public init(_ state: ExceptionState) {
        switch state {
        case .open: self = .open
        case .claimed: self = .claimed
        case .reprocessPendingApproval: self = .pendingApproval
        case .reprocessing: self = .reprocessing
        case .resolved: self = .resolved
        case .dismissed: self = .dismissed
        }
    }

    public var isClosed: Bool { self == .resolved || self == .dismissed }
}
