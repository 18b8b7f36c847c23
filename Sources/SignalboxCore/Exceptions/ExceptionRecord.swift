/// One exception as the queue shows it: a fold, in log order, over the events about it.
///
/// Events apply in log (`sequence`) order, never by `occurred_at`: console
/// actions are serialised by their version check, so the log order is the
/// order in which the decisions were made. Timestamps are shown, not used to
/// order. Events about the exception that were logged before its
/// `exception.raised` (out-of-order delivery) still apply in their place.
///
/// ```swift
/// guard let record = ExceptionRecord(events: loggedEvents) else { return }  // nil without exception.raised
/// record.state       // .claimed(by: "bob", since: …)
/// record.version     // sequence of the last event applied; actions must name it
/// ```
public struct ExceptionRecord: Hashable, Sendable {
    /// How the exception closed.
    public enum Closure: Hashable, Sendable {
        case resolved(ActorStamp, ExceptionResolution)
        case dismissed(ActorStamp, reason: String)
    }

    /// The `exception.raised` data in force: a repeated raise with a later `occurred_at` replaces it.
    public private(set) var raised: ExceptionRaised
    public private(set) var correlationID: String
    /// When the exception was first raised (earliest `occurred_at` of its raise events).
    public private(set) var raisedAt: Timestamp
    /// Who holds the exception, since when.
    public private(set) var claim: ActorStamp?
    public private(set) var closure: Closure?
    /// Reprocess requests, oldest first.
    public private(set) var reprocessRequests: [ReprocessRequest] = []
    public private(set) var notes: [ExceptionNote] = []
    /// Everything that happened, in log order.
    public private(set) var history: [ExceptionHistoryEntry] = []
    /// The sequence of the last event applied (0 before any): the version an action must name.
    public private(set) var version: Int64 = 0

    private var latestRaiseAt: Timestamp
    private var raiseCount = 0

    /// Starts a record from its raise event; apply the events (including that raise) with ``apply(_:)``.
    public init(raised: ExceptionRaised, correlationID: String, at: Timestamp) {
        self.raised = raised
        self.correlationID = correlationID
        self.raisedAt = at
        self.latestRaiseAt = at
    }

    /// Folds the events of one exception; nil when they contain no `exception.raised`.
    ///
    /// The first `exception.raised` in log order decides which exception this is; events about
    /// any other exception are ignored. To fold a whole log into many records use ``ExceptionLedger``.
    public init?(events: [LoggedEvent]) {
        let ordered = events.sorted { $0.sequence < $1.sequence }
        let first = ordered.lazy.compactMap { logged -> (ExceptionRaised, CanonicalEvent)? in
            guard case .exceptionRaised(let data) = logged.event.payload else { return nil }
            return (data, logged.event)
        }.first
        guard let (data, event) = first else { return nil }
        self.init(raised: data, correlationID: event.correlationID, at: event.occurredAt)
        for logged in ordered { apply(logged) }
    }

    public var id: String { raised.exceptionID }
    public var kind: ExceptionKind { raised.kind }
    public var severity: Severity { raised.severity }
    public var summary: String { raised.summary }
    public var subject: SystemRecord? { raised.subject }
    public var candidates: [MappingCandidate] { raised.candidates ?? [] }
    public var amountAtRisk: ExactDecimal? { raised.amountAtRisk }
    public var currency: String? { raised.currency }
    public var failedEventID: String? { raised.failedEventID }

    /// The user holding the claim, if any.
    public var assignee: String? { claim?.by }
    public var isClosed: Bool { closure != nil }
    /// The most recent change: who, what, when.
    public var lastChange: ExceptionHistoryEntry? { history.last }

    /// The request awaiting approval or completion, if any.
    public var outstandingReprocess: ReprocessRequest? { reprocessRequests.last { $0.isOutstanding } }

    /// How it was resolved, when it was.
    public var resolution: ExceptionResolution? {
        if case .resolved(_, let resolution) = closure { return resolution }
        return nil
    }

    public var state: ExceptionState {
        switch closure {
        case .resolved(let stamp, _): return .resolved(by: stamp.by, at: stamp.at)
        case .dismissed(let stamp, let reason): return .dismissed(by: stamp.by, reason: reason, at: stamp.at)
        case nil: break
        }
        if let request = outstandingReprocess {
            if let approval = request.approval {
                return .reprocessing(requestID: request.requestID, approvedBy: approval.by, since: approval.at)
            }
            return .reprocessPendingApproval(requestID: request.requestID, requestedBy: request.requested.by,
                                             since: request.requested.at)
        }
        if let claim { return .claimed(by: claim.by, since: claim.at) }
        return .open
    }

    /// True when `event` is about this exception (by exception id, or by one of its reprocess request ids).
    public func concerns(_ event: CanonicalEvent) -> Bool {
        if let exceptionID = event.payload.exceptionID { return exceptionID == id }
        if let requestID = event.payload.reprocessRequestID {
            return reprocessRequests.contains { $0.requestID == requestID }
        }
        return false
    }

    /// Applies one event if it concerns this exception; returns whether it did.
    ///
    /// Events after closure are kept in the history but do not reopen the exception;
    /// a second approval or completion of a request is recorded and ignored.
    @discardableResult
    public mutating func apply(_ logged: LoggedEvent) -> Bool {
        let event = logged.event
        guard concerns(event) else { return false }
        let stamp = ActorStamp(by: ExceptionRecord.actor(of: event), at: event.occurredAt)
        let description: String
        switch event.payload {
        case .exceptionRaised(let data): description = applyRaise(data, at: event.occurredAt)
        case .exceptionClaimed:
            description = "claimed it" + (isClosed ? " (ignored: already closed)" : "")
            if !isClosed { claim = stamp }
        case .exceptionReleased:
            description = "released it" + (isClosed ? " (ignored: already closed)" : "")
            if !isClosed { claim = nil }
        case .exceptionResolved(let data):
            description = ExceptionRecord.describe(data) + (isClosed ? " (ignored: already closed)" : "")
            if !isClosed { closure = .resolved(stamp, ExceptionResolution(mapping: data.mapping, note: data.note)) }
        case .exceptionDismissed(let data):
            description = "dismissed it: \(data.reason)" + (isClosed ? " (ignored: already closed)" : "")
            if !isClosed { closure = .dismissed(stamp, reason: data.reason) }
        case .exceptionNoted(let data):
            description = "noted: \(data.note)"
            notes.append(ExceptionNote(by: data.by, at: event.occurredAt, text: data.note))
        case .reprocessRequested(let data): description = applyRequest(data, stamp: stamp)
        case .reprocessApproved(let data): description = applyApproval(data, stamp: stamp)
        case .reprocessCompleted(let data): description = applyCompletion(data, stamp: stamp)
        default: return false  // unreachable: `concerns` accepts only the payloads above
        }
        history.append(ExceptionHistoryEntry(sequence: logged.sequence, eventID: event.eventID, actor: stamp.by,
                                             at: event.occurredAt, description: description))
        version = max(version, logged.sequence)
        return true
    }

    /// The user who acted (`by`), or the emitting system for events that name none.
    static func actor(of event: CanonicalEvent) -> String {
        switch event.payload {
        case .exceptionClaimed(let data), .exceptionReleased(let data): data.by
        case .exceptionResolved(let data): data.by
        case .exceptionDismissed(let data): data.by
        case .exceptionNoted(let data): data.by
        case .reprocessRequested(let data): data.by
        case .reprocessApproved(let data): data.by
        default: event.source.rawValue
        }
    }

    static func describe(_ data: ExceptionResolved) -> String {
        var text = "resolved it"
        if let mapping = data.mapping {
            text += ": mapped \(mapping.sourceSystem)/\(mapping.sourceKey) → \(mapping.targetSystem)/\(mapping.targetKey)"
        }
        if let note = data.note { text += data.mapping == nil ? ": \(note)" : " (\(note))" }
        return text
    }

    private mutating func applyRaise(_ data: ExceptionRaised, at: Timestamp) -> String {
        raiseCount += 1
        if at >= latestRaiseAt {
            raised = data
            latestRaiseAt = at
        }
        raisedAt = min(raisedAt, at)
        return raiseCount == 1 ? "raised it" : "raised it again"
    }

    private mutating func applyRequest(_ data: ReprocessRequested, stamp: ActorStamp) -> String {
        reprocessRequests.append(ReprocessRequest(requestID: data.requestID,
                                                  failedEventID: data.failedEventID ?? failedEventID, requested: stamp))
        return "requested reprocessing (\(data.requestID))"
    }

    private mutating func applyApproval(_ data: ReprocessApproved, stamp: ActorStamp) -> String {
        let index = requestIndex(data.requestID)
        if let approval = reprocessRequests[index].approval {
            return "approved reprocessing \(data.requestID) again (ignored: already approved by \(approval.by))"
        }
        reprocessRequests[index].approval = stamp
        return "approved reprocessing \(data.requestID)"
    }

    private mutating func applyCompletion(_ data: ReprocessCompleted, stamp: ActorStamp) -> String {
        var text = "reprocessing \(data.requestID) \(data.outcome.rawValue)"
        if let message = data.message { text += ": \(message)" }
        let index = requestIndex(data.requestID)
        if reprocessRequests[index].completion != nil { return text + " (ignored: already completed)" }
        // A completed replay does not close the exception: only exception.resolved/dismissed do (golden-signals §5),
        // so the queue and the backlog signal always agree. The middleware resolves it after a successful replay.
        reprocessRequests[index].completion = .init(outcome: data.outcome, message: data.message, at: stamp.at)
        return text
    }

    /// The index of a request known to exist (`concerns` checked it).
    private func requestIndex(_ requestID: String) -> Int {
        guard let index = reprocessRequests.firstIndex(where: { $0.requestID == requestID }) else {
            preconditionFailure("reprocess request \(requestID) was routed to \(id) but is not one of its requests")
        }
        return index
    }
}
