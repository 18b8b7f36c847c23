extension EventPayload {
    /// The `exception_id` of an exception lifecycle event, or nil for any other payload.
    ///
    /// `reprocess.approved` and `reprocess.completed` name only a request; see ``reprocessRequestID``.
    public var exceptionID: String? {
        switch self {
        case .exceptionRaised(let data): data.exceptionID
        case .exceptionClaimed(let data), .exceptionReleased(let data): data.exceptionID
        case .exceptionResolved(let data): data.exceptionID
        case .exceptionDismissed(let data): data.exceptionID
        case .exceptionNoted(let data): data.exceptionID
        case .reprocessRequested(let data): data.exceptionID
        default: nil
        }
    }

    /// The `request_id` of a reprocess event, or nil for any other payload.
    public var reprocessRequestID: String? {
        switch self {
        case .reprocessRequested(let data): data.requestID
        case .reprocessApproved(let data): data.requestID
        case .reprocessCompleted(let data): data.requestID
        default: nil
        }
    }
}
