import SignalboxCore
import SignalboxStore

/// One exception an action is about, with the version the user saw.
public struct WriteTarget: Equatable, Sendable {
    public var exceptionID: String
    public var seenVersion: Int64

    public init(exceptionID: String, seenVersion: Int64) {
        self.exceptionID = exceptionID
        self.seenVersion = seenVersion
    }
}

/// A write the user confirmed: one command on each target (written separately), or a resolve-all for a subject.
public enum WritePlan: Equatable, Sendable {
    case each(ExceptionCommand, [WriteTarget])
    /// A resolve-all asked for, before its preview: the store lists what it would write.
    case resolveAll(subject: RecordKey, target: RecordKey, note: String?)
    /// A previewed resolve-all: confirming writes exactly the listed exceptions at the versions shown.
    case resolveListed(BulkResolutionPlan)

    /// What will be written, in words, for the confirmation dialog and the result message.
    public var summary: String {
        switch self {
        case .each(let command, let targets):
            let ids = targets.map(\.exceptionID)
            let named = ids.count == 1 ? ids[0] : "\(ids.count) exceptions (\(ids.prefix(3).joined(separator: ", "))\(ids.count > 3 ? ", …" : ""))"
            return "\(WritePlan.describe(command)) \(named)"
        case .resolveAll(let subject, let target, _):
            return "resolve the open exceptions about \(subject) as \(target)"
        case .resolveListed(let plan):
            let count = plan.included.count
            return "resolve the \(count == 1 ? "exception" : "\(count) exceptions") listed about \(plan.subject) as \(plan.target)"
        }
    }

    static func describe(_ command: ExceptionCommand) -> String {
        switch command {
        case .claim: "claim"
        case .release: "release"
        case .resolve(.candidate(let index), _): "resolve as candidate \(index + 1):"
        case .resolve(.target(let key, let system), _): "resolve as \(system.map { "\($0)/" } ?? "")\(key):"
        case .resolve(.noMapping, _): "resolve without mapping"
        case .dismiss(let reason): "dismiss (\(reason))"
        case .note(let text): "add note \"\(text)\" to"
        case .requestReprocess: "request reprocessing of"
        case .approveReprocess(let requestID): "approve reprocess \(requestID) of"
        }
    }
}

/// What a confirmed write did: how many exceptions were written and which failed, with the store's reason.
public struct WriteOutcome: Equatable, Sendable {
    public var plan: WritePlan
    public var written: [String]
    public var failures: [FailedAction]

    public init(plan: WritePlan, written: [String], failures: [FailedAction]) {
        self.plan = plan
        self.written = written
        self.failures = failures
    }

    /// One line for the message bar: `done: claim X-1` or `claim 3 exceptions: 2 written, 1 failed — X-3: changed by bob …`.
    public var message: String {
        if failures.isEmpty { return "done: \(plan.summary) (\(written.count) written)" }
        let first = failures[0]
        if written.isEmpty, failures.count == 1 {
            if case .store(.unavailable) = first.error { return "not written (the store did not answer; retry): \(first.error)" }
            return "not written: \(first.error)"
        }
        return "\(written.count) written, \(failures.count) failed — \(first.exceptionID): \(first.error)"
            + (failures.count > 1 ? " (+\(failures.count - 1) more in the log)" : "")
    }
}

/// A modal dialog over the queue: a text prompt for an action, or a y/N confirmation.
public enum QueueDialog: Equatable, Sendable {
    /// What the typed text is for.
    public enum Purpose: Equatable, Sendable {
        case dismissReason([WriteTarget])
        case note([WriteTarget])
        /// `m`: a target key (`KEY` or `SYSTEM/KEY`) to resolve one exception as.
        case target(WriteTarget)
        /// `a`: a candidate number or target key to resolve every open exception about `subject` as.
        case resolveAllTarget(subject: RecordKey, candidates: [MappingCandidate])
    }

    case prompt(Purpose, text: String)
    /// Waiting for the store to count what a resolve-all would touch.
    case previewing(WritePlan)
    /// `y` writes `plan`; any other key cancels. `lines` are the preview shown above the question.
    case confirm(WritePlan, lines: [String])

    /// The question a prompt asks, naming the exception it is about first.
    public static func question(_ purpose: Purpose) -> String {
        switch purpose {
        case .dismissReason(let targets): "\(named(targets)) · dismiss: reason (required)"
        case .note(let targets): "\(named(targets)) · note"
        case .target(let target): "\(target.exceptionID) · resolve as target key (KEY or SYSTEM/KEY)"
        case .resolveAllTarget(let subject, _): "every open exception about \(subject) · candidate number or target key"
        }
    }

    /// `EXC-0000042`, or `3 exceptions` when marked rows are the targets.
    private static func named(_ targets: [WriteTarget]) -> String {
        targets.count == 1 ? targets[0].exceptionID : "\(targets.count) exceptions"
    }
}
