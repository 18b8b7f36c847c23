/// The pure rules of the exception queue: given what a user saw and wants, the events to append, or why not.
///
/// Rules (safer for money where there was a choice):
/// - Every action names the `version` the user saw; if the exception changed since,
///   the action is refused with who changed it, how long ago, and what they did.
/// - Claim only an unclaimed exception; release only your own claim.
/// - Resolve, dismiss and request reprocessing only when you hold the claim. If nobody
///   holds it, the action claims it for you first (a `exception.claimed` event precedes
///   the action), so the log always shows who took responsibility. If someone else
///   holds it, you are refused: they must release it first.
/// - A closed exception accepts notes only.
/// - While an approved reprocess is running, it cannot be resolved or dismissed.
/// - A reprocess request is approved once, by someone other than the requester unless
///   the ``ReprocessPolicy`` allows self-approval for the amount at risk.
///
/// The events returned are not yet sealed into the audit chain: the store seals each
/// with ``AuditChain/seal(_:previousHash:)`` in the transaction that appends it.
///
/// ```swift
/// var ids = RandomIdentifiers()
/// let events = try ExceptionRules.decide(.claim, on: record, by: "alice", seenVersion: shownVersion,
///                                        policy: .strict, now: clock.now, ids: &ids)
/// ```
public enum ExceptionRules {
    /// Longest `by`, matching what the event reader accepts.
    public static let maximumActorLength = 128
    /// Longest reason or note, matching what the event reader accepts.
    public static let maximumTextLength = 4096
    /// Longest target system or key, matching what the event reader accepts.
    public static let maximumKeyLength = 1024

    /// The events that carry out `command` by `actor`, or the reason it is refused. `failedEventStored` is the
    /// store's answer whether the exception's failed event is in the log (a reprocess request needs it there).
    public static func decide(
        _ command: ExceptionCommand, on record: ExceptionRecord, by actor: String, seenVersion: Int64,
        policy: ReprocessPolicy, now: Timestamp, failedEventStored: Bool = true, ids: inout some IdentifierSource
    ) throws(ExceptionActionError) -> [CanonicalEvent] {
        try checkActor(actor)
        try checkVersion(record, seenVersion: seenVersion, now: now)
        var writer = EventWriter(record: record, now: now)
        switch command {
        case .claim:
            try checkOpen(record)
            if let claim = record.claim {
                throw claim.by == actor ? .alreadyClaimedByYou : .claimedBySomeoneElse(by: claim.by, since: claim.at)
            }
            writer.append(.exceptionClaimed(ExceptionActor(exceptionID: record.id, by: actor)), ids: &ids)
        case .release:
            try checkOpen(record)
            guard let claim = record.claim else { throw .notClaimed }
            guard claim.by == actor else { throw .claimedBySomeoneElse(by: claim.by, since: claim.at) }
            writer.append(.exceptionReleased(ExceptionActor(exceptionID: record.id, by: actor)), ids: &ids)
        case .resolve(let choice, let note):
            try checkClosable(record)
            let note = try optionalText(note, field: "note")
            let mapping = try ResolutionMapping.mapping(for: choice, on: record)
            if mapping == nil, note == nil { throw .noteRequired }
            try writer.claimIfNeeded(by: actor, ids: &ids)
            let data = ExceptionResolved(exceptionID: record.id, by: actor, mapping: mapping, note: note)
            writer.append(.exceptionResolved(data), ids: &ids)
        case .dismiss(let reason):
            try checkClosable(record)
            guard let reason = try optionalText(reason, field: "reason") else { throw .reasonRequired }
            try writer.claimIfNeeded(by: actor, ids: &ids)
            writer.append(.exceptionDismissed(ExceptionDismissed(exceptionID: record.id, by: actor, reason: reason)), ids: &ids)
        case .note(let text):
            guard let text = try optionalText(text, field: "note") else { throw .noteRequired }
            writer.append(.exceptionNoted(ExceptionNoted(exceptionID: record.id, by: actor, note: text)), ids: &ids)
        case .requestReprocess:
            try checkOpen(record)
            guard let failedEventID = record.failedEventID else { throw .nothingToReprocess }
            guard failedEventStored else { throw .failedEventMissing(eventID: failedEventID) }
            if let outstanding = record.outstandingReprocess {
                throw .reprocessAlreadyRequested(requestID: outstanding.requestID)
            }
            try writer.claimIfNeeded(by: actor, ids: &ids)
            let data = ReprocessRequested(exceptionID: record.id, requestID: ids.next(), by: actor,
                                          failedEventID: failedEventID)
            writer.append(.reprocessRequested(data), ids: &ids)
        case .approveReprocess(let requestID):
            try checkOpen(record)
            try checkApproval(of: requestID, on: record, by: actor, policy: policy)
            writer.append(.reprocessApproved(ReprocessApproved(requestID: requestID, by: actor)), ids: &ids)
        }
        return writer.events
    }

    static func checkActor(_ actor: String) throws(ExceptionActionError) {
        guard !actor.isEmpty, actor.count <= maximumActorLength, PrintableText.isPrintable(actor),
              actor.trimmingASCIIWhitespace() == actor else { throw .invalidActor(actor) }
    }

    static func checkVersion(_ record: ExceptionRecord, seenVersion: Int64, now: Timestamp) throws(ExceptionActionError) {
        guard record.version != seenVersion else { return }
        let change = record.lastChange
        throw .changedSinceSeen(seenVersion: seenVersion, currentVersion: record.version,
                                by: change?.actor ?? "someone", ago: now.since(change?.at ?? now),
                                what: change?.description ?? "changed it")
    }

    static func checkOpen(_ record: ExceptionRecord) throws(ExceptionActionError) {
        if record.isClosed { throw .alreadyClosed(record.state) }
    }

    /// Open, and no approved reprocess still running (closing it then could double-book).
    static func checkClosable(_ record: ExceptionRecord) throws(ExceptionActionError) {
        try checkOpen(record)
        if let running = record.outstandingReprocess, running.approval != nil {
            throw .reprocessInFlight(requestID: running.requestID)
        }
    }

    static func checkApproval(of requestID: String, on record: ExceptionRecord, by actor: String,
                              policy: ReprocessPolicy) throws(ExceptionActionError) {
        guard let request = record.reprocessRequests.first(where: { $0.requestID == requestID }) else {
            throw .unknownReprocessRequest(requestID: requestID)
        }
        if let completion = request.completion {
            throw .reprocessAlreadyCompleted(requestID: requestID, outcome: completion.outcome)
        }
        if let approval = request.approval {
            throw .reprocessAlreadyApproved(requestID: requestID, by: approval.by, at: approval.at)
        }
        if request.requested.by == actor, !policy.allowsSelfApproval(of: record) {
            throw .fourEyes(requestedBy: request.requested.by)
        }
    }

    /// Trimmed text, nil when empty; refused when longer than the reader accepts.
    static func optionalText(_ text: String?, field: String) throws(ExceptionActionError) -> String? {
        guard let trimmed = text?.trimmingASCIIWhitespace(), !trimmed.isEmpty else { return nil }
        guard trimmed.count <= maximumTextLength else { throw .textTooLong(field: field, limit: maximumTextLength) }
        return trimmed
    }
}

/// Builds the console events of one decision: source `CONSOLE`, the exception's correlation id, `now`.
struct EventWriter {
    let record: ExceptionRecord
    let now: Timestamp
    private(set) var events: [CanonicalEvent] = []

    init(record: ExceptionRecord, now: Timestamp) {
        self.record = record
        self.now = now
    }

    mutating func append(_ payload: EventPayload, ids: inout some IdentifierSource) {
        events.append(CanonicalEvent(eventID: ids.next(), occurredAt: now, source: .console,
                                     correlationID: record.correlationID, payload: payload))
    }

    /// Claims for `actor` when nobody holds the exception; refuses when someone else does.
    mutating func claimIfNeeded(by actor: String, ids: inout some IdentifierSource) throws(ExceptionActionError) {
        guard let claim = record.claim else {
            append(.exceptionClaimed(ExceptionActor(exceptionID: record.id, by: actor)), ids: &ids)
            return
        }
        guard claim.by == actor else { throw .claimedBySomeoneElse(by: claim.by, since: claim.at) }
    }
}
