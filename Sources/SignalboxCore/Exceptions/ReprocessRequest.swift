/// A request to reprocess an exception's failed event, and what became of it.
public struct ReprocessRequest: Hashable, Sendable {
    /// The middleware's report of executing an approved request.
    public struct Completion: Hashable, Sendable {
        public var outcome: ReprocessOutcome
        public var message: String?
        public var at: Timestamp

        public init(outcome: ReprocessOutcome, message: String?, at: Timestamp) {
            self.outcome = outcome
            self.message = message
            self.at = at
        }
    }

    /// Where a request stands; the raw value is how it prints (`pending_approval`).
    public enum Status: String, Hashable, Sendable {
        case pendingApproval = "pending_approval", approved, succeeded, failed
        /// Never completed, and its exception was closed first: it will not run.
        case cancelled
    }

    public var requestID: String
    public var failedEventID: String?
    public var requested: ActorStamp
    /// The first approval; later approvals of the same request are ignored (it is executed once).
    public var approval: ActorStamp?
    public var completion: Completion?

    public init(requestID: String, failedEventID: String?, requested: ActorStamp,
                approval: ActorStamp? = nil, completion: Completion? = nil) {
        self.requestID = requestID
        self.failedEventID = failedEventID
        self.requested = requested
        self.approval = approval
        self.completion = completion
    }

    /// Where the request stands, given whether its exception is closed (a request not completed by then is cancelled).
    public func status(exceptionClosed: Bool) -> Status {
        if let completion { return completion.outcome == .succeeded ? .succeeded : .failed }
        if exceptionClosed { return .cancelled }
        return approval == nil ? .pendingApproval : .approved
    }

    /// True while the request awaits approval or completion.
    public var isOutstanding: Bool { completion == nil }
}
