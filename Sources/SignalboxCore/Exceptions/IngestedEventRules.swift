/// The rules an event reported by an integration (ingested, not decided in signalbox) must follow when it
/// would change an exception: the same door as a console action, so the log never holds a decision the
/// console would have refused.
///
/// - `CONSOLE` events are never ingested: only signalbox records console actions (sealed, after the rules).
/// - An integration may raise an exception, resolve it (a replay succeeded, the condition cleared upstream)
///   and add notes; it may claim only an unclaimed open exception and release only its own claim; it may
///   request a reprocess only of an open exception without one outstanding, and report the completion of
///   an approved request once. It may never approve a reprocess nor dismiss an exception: those are a
///   person's decisions.
/// - A resolution needs an open exception with no approved reprocess running (as in the console).
/// - An event about an exception not raised yet (late delivery of its raise) cannot be checked against a
///   state: a resolution, a note or a reprocess request is admitted (and applies once the raise arrives); a
///   claim, a release or a completion, which need a state, is refused.
/// - Causality: a completion dated before the approval it answers is refused, unless by no more than
///   `clockSkew` (the tolerated difference between the clocks of signalbox and the middleware; none by
///   default). Approvals are never ingested, whatever their date.
///
/// ```swift
/// try ExceptionRules.admit(event, on: try store.record(for: event), clockSkew: .seconds(30))  // throws why it is refused
/// ```
extension ExceptionRules {
    /// True when `event` would change an exception (or a reprocess request), so it must pass ``admit(_:on:)``
    /// (as must every `CONSOLE` event offered to ingest, whatever its type).
    public static func changesException(_ event: CanonicalEvent) -> Bool {
        event.payload.exceptionID != nil || event.payload.reprocessRequestID != nil
    }

    /// Checks an ingested event against the exception it concerns (`record`, folded from the log so far;
    /// nil when the exception has not been raised), tolerating `clockSkew` between the clocks of the systems
    /// that dated a decision and its outcome. Throws why the event is refused.
    public static func admit(_ event: CanonicalEvent, on record: ExceptionRecord?,
                             clockSkew: SignalDuration = .zero) throws(ExceptionActionError) {
        if event.source == .console { throw .consoleEventIngested }
        let actor = ExceptionRecord.actor(of: event)
        switch event.payload {
        case .exceptionRaised:
            return
        case .exceptionClaimed:
            try checkActor(actor)
            guard let record else { throw .notAnIntegrationDecision("claim an exception that was never raised") }
            try checkOpen(record)
            if let claim = record.claim { throw .claimedBySomeoneElse(by: claim.by, since: claim.at) }
        case .exceptionReleased:
            try checkActor(actor)
            guard let record else { throw .notClaimed }
            try checkOpen(record)
            guard let claim = record.claim else { throw .notClaimed }
            guard claim.by == actor else { throw .claimedBySomeoneElse(by: claim.by, since: claim.at) }
        case .exceptionResolved:
            try checkActor(actor)
            if let record { try checkClosable(record) }
        case .exceptionDismissed:
            throw .notAnIntegrationDecision("dismiss an exception")
        case .exceptionNoted:
            try checkActor(actor)
        case .reprocessRequested:
            try checkActor(actor)
            guard let record else { return }
            try checkOpen(record)
            if let outstanding = record.outstandingReprocess {
                throw .reprocessAlreadyRequested(requestID: outstanding.requestID)
            }
        case .reprocessApproved:
            throw .notAnIntegrationDecision("approve a reprocess")
        case .reprocessCompleted(let data):
            guard let request = record?.reprocessRequests.first(where: { $0.requestID == data.requestID }) else {
                throw .unknownReprocessRequest(requestID: data.requestID)
            }
            guard let approval = request.approval else {
                throw .notAnIntegrationDecision("complete a reprocess nobody approved")
            }
            if let completion = request.completion {
                throw .reprocessAlreadyCompleted(requestID: data.requestID, outcome: completion.outcome)
            }
            if event.occurredAt < approval.at.subtracting(clockSkew) {
                throw .datedBeforeDecision(at: event.occurredAt, decision: "approval", decidedAt: approval.at,
                                           by: approval.by, tolerance: clockSkew)
            }
        default:
            return
        }
    }
}
