/// Why an action on an exception was refused. `description` is the sentence shown to the user.
public enum ExceptionActionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Someone changed the exception after the user looked at it.
    case changedSinceSeen(seenVersion: Int64, currentVersion: Int64, by: String, ago: SignalDuration, what: String)
    case alreadyClosed(ExceptionState)
    case claimedBySomeoneElse(by: String, since: Timestamp)
    case alreadyClaimedByYou
    case notClaimed
    case invalidActor(String)
    case reasonRequired
    case noteRequired
    case textTooLong(field: String, limit: Int)
    case unknownCandidate(index: Int, count: Int)
    case emptyTargetKey
    case targetSystemUnknown(candidateSystems: [String])
    case noSubjectToMap
    case reprocessInFlight(requestID: String)
    case nothingToReprocess
    case reprocessAlreadyRequested(requestID: String)
    case unknownReprocessRequest(requestID: String)
    case reprocessAlreadyApproved(requestID: String, by: String, at: Timestamp)
    case reprocessAlreadyCompleted(requestID: String, outcome: ReprocessOutcome)
    case fourEyes(requestedBy: String)
    case subjectMismatch(exceptionID: String)
    /// Free text (a target key or system) with a control, bidirectional or invisible character.
    case unprintableText(field: String)
    /// A `CONSOLE` event offered to ingest: only signalbox itself records console actions.
    case consoleEventIngested
    /// An integration (any source but `CONSOLE`) reported a decision only a person may make.
    case notAnIntegrationDecision(String)
    /// A mapping was given for an exception that is not a mapping problem (see ``ExceptionKind/acceptsMapping``).
    case notAMappingProblem(kind: ExceptionKind)
    /// The reprocess policy asked for is unsound (see ``ReprocessPolicy/validate()``).
    case invalidPolicy(String)
    /// Only the approver role (or the store's owner) may change the reprocess policy.
    case policyChangeNotPermitted(actor: String)
    /// The failed event a reprocess would replay is not in the store.
    case failedEventMissing(eventID: String)
    /// An event (its `occurred_at`) dated before the decision it answers, by more than the tolerated clock skew
    /// between systems: a `reprocess.completed` before its approval.
    case datedBeforeDecision(at: Timestamp, decision: String, decidedAt: Timestamp, by: String, tolerance: SignalDuration)

    public var description: String {
        switch self {
        case .changedSinceSeen(_, _, let by, let ago, let what):
            "changed by \(by) \(ago.agoText): \(what)"
        case .alreadyClosed(let state):
            "already closed: \(state)"
        case .claimedBySomeoneElse(let by, let since):
            "claimed by \(by) since \(since.rfc3339); \(by) must release it first"
        case .alreadyClaimedByYou:
            "you have already claimed this"
        case .notClaimed:
            "nobody has claimed this"
        case .invalidActor(let actor):
            "user name \(actor.debugDescription) is not usable: it must be 1–128 printable characters (no control, bidirectional or invisible characters)"
        case .reasonRequired:
            "a reason is required to dismiss"
        case .noteRequired:
            "a note is required: say what was done"
        case .textTooLong(let field, let limit):
            "the \(field) is longer than \(limit) characters"
        case .unknownCandidate(let index, let count):
            count == 0 ? "this exception lists no candidates"
                : "there is no candidate \(index + 1); this exception lists \(count) (1–\(count))"
        case .emptyTargetKey:
            "the target key is empty"
        case .targetSystemUnknown(let systems):
            systems.isEmpty ? "name the target system: this exception lists no candidates to take it from"
                : "name the target system: the candidates are in \(systems.joined(separator: ", "))"
        case .noSubjectToMap:
            "this exception names no subject record, so there is nothing to map"
        case .reprocessInFlight(let requestID):
            "reprocess \(requestID) is approved and running; wait for its outcome"
        case .nothingToReprocess:
            "this exception names no failed event to reprocess"
        case .reprocessAlreadyRequested(let requestID):
            "reprocess \(requestID) is already requested and not yet finished"
        case .unknownReprocessRequest(let requestID):
            "no reprocess request \(requestID) on this exception"
        case .reprocessAlreadyApproved(let requestID, let by, let at):
            "reprocess \(requestID) was already approved by \(by) at \(at.rfc3339); it runs once"
        case .reprocessAlreadyCompleted(let requestID, let outcome):
            "reprocess \(requestID) has already \(outcome.rawValue)"
        case .fourEyes(let requestedBy):
            "\(requestedBy) requested this; a different user must approve"
        case .subjectMismatch(let exceptionID):
            "exception \(exceptionID) is about a different subject record"
        case .unprintableText(let field):
            "the \(field) contains a control, bidirectional or invisible character"
        case .consoleEventIngested:
            "console actions are recorded by signalbox, not ingested"
        case .notAnIntegrationDecision(let what):
            "an integration may not \(what); only a person may, in signalbox"
        case .notAMappingProblem(let kind):
            "a \(kind.rawValue) exception is not a mapping problem: resolve it with a note, not a target record"
        case .invalidPolicy(let reason):
            "policy not changed: \(reason)"
        case .policyChangeNotPermitted(let actor):
            "\(actor) may not change the reprocess policy: only an approver (or the store's owner) may"
        case .failedEventMissing(let eventID):
            "the failed event \(eventID) is not in the store: there is nothing to replay"
        case .datedBeforeDecision(let at, let decision, let decidedAt, let by, let tolerance):
            "occurred_at: \(at.rfc3339) is before the \(decision) it answers (\(decidedAt.rfc3339), by \(by)), "
                + (tolerance.microseconds > 0 ? "beyond the tolerated clock skew of \(tolerance)" : "and no clock skew is tolerated")
                + " (signalbox ingest --clock-skew)"
        }
    }
}
