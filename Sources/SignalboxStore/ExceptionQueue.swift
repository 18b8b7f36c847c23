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

/// A column of the exception queue that rows can be sorted by.
public enum ExceptionSortKey: String, CaseIterable, Sendable {
    case age, kind, severity, subject, contract, amount, state, assignee
}

/// Which exceptions to list, in which order, from where (keyset pagination).
public struct ExceptionQuery: Equatable, Sendable {
    public var includeClosed = false
    public var kinds: Set<ExceptionKind> = []
    public var severities: Set<Severity> = []
    public var states: Set<QueueState> = []
    /// Only exceptions claimed by this user.
    public var assignee: String?
    /// Case-insensitive text found in the id, summary, subject or contract.
    public var text: String?
    /// Only exceptions raised at least this long before `now`.
    public var minimumAge: SignalDuration?
    /// Only exceptions about this subject.
    public var subject: RecordKey?
    public var sort: ExceptionSortKey = .age
    public var descending = false
    /// Continue after this row (the last row of the previous page).
    public var after: ExceptionCursor?
    public var limit = 100

    public init() {}
}

/// The position of a row in a sort order, for keyset pagination.
public struct ExceptionCursor: Equatable, Sendable {
    public var sortValue: String
    public var exceptionID: String

    public init(sortValue: String, exceptionID: String) {
        self.sortValue = sortValue
        self.exceptionID = exceptionID
    }
}

/// One row of the exception queue.
public struct ExceptionRow: Equatable, Sendable {
    public var exceptionID: String
    public var kind: String
    public var severity: String
    public var summary: String
    public var subject: SystemRecord?
    public var correlationID: String
    public var amountAtRisk: ExactDecimal?
    public var currency: String?
    public var state: QueueState
    /// The state in words: `claimed by alice`, `reprocess pending approval (requested by bob)`.
    public var stateLabel: String
    public var assignee: String?
    public var raisedAt: Timestamp
    /// The exception's version: the sequence of the last event applied to it.
    public var version: Int64
    public var lastChange: ActorStamp?
    /// Where this row stands in the query's order.
    public var cursor: ExceptionCursor

    public init(exceptionID: String, kind: String, severity: String, summary: String, subject: SystemRecord?,
                correlationID: String, amountAtRisk: ExactDecimal?, currency: String?, state: QueueState,
                stateLabel: String, assignee: String?, raisedAt: Timestamp, version: Int64, lastChange: ActorStamp?,
                cursor: ExceptionCursor) {
        self.exceptionID = exceptionID
        self.kind = kind
        self.severity = severity
        self.summary = summary
        self.subject = subject
        self.correlationID = correlationID
        self.amountAtRisk = amountAtRisk
        self.currency = currency
        self.state = state
        self.stateLabel = stateLabel
        self.assignee = assignee
        self.raisedAt = raisedAt
        self.version = version
        self.lastChange = lastChange
        self.cursor = cursor
    }
}

/// How exceptions can be grouped, with counts.
public enum ExceptionGrouping: String, Sendable {
    case kind, subject
}

/// A group of the queue: a kind or a subject, and how many match.
public struct ExceptionGroup: Equatable, Sendable {
    public var key: String
    public var label: String
    public var count: Int

    public init(key: String, label: String, count: Int) {
        self.key = key
        self.label = label
        self.count = count
    }
}

/// A reprocess request with its exception, for `reprocess list`.
public struct ReprocessRequestRow: Equatable, Sendable {
    public var request: ReprocessRequest
    public var exceptionID: String

    public init(request: ReprocessRequest, exceptionID: String) {
        self.request = request
        self.exceptionID = exceptionID
    }
}

/// The exception queue: listing, detail, actions (written as CONSOLE events with optimistic
/// concurrency, decided by ``ExceptionRules`` inside the store's transaction), and the audit chain.
public protocol ExceptionQueueStore: Sendable {
    /// One page of the queue.
    func exceptionRows(_ query: ExceptionQuery, now: Timestamp) async throws(StoreError) -> [ExceptionRow]
    /// How many exceptions match, per kind or subject.
    func exceptionGroups(_ grouping: ExceptionGrouping, query: ExceptionQuery, now: Timestamp) async throws(StoreError) -> [ExceptionGroup]
    /// The full record of one exception (history, notes, requests), or nil.
    func exceptionRecord(id: String) async throws(StoreError) -> ExceptionRecord?
    /// The remembered mapping for a subject, if one was resolved before.
    func mappingSuggestion(for subject: RecordKey) async throws(StoreError) -> RememberedMapping?
    /// Decides and writes `command` in one transaction, under the store's ``reprocessPolicy()``. Fails with
    /// ``StoreError/conflict(_:)`` when the exception changed since `seenVersion`, ``StoreError/rejected(_:)``
    /// when the rules refuse it. Returns the events written.
    func perform(_ command: ExceptionCommand, on exceptionID: String, seenVersion: Int64, by actor: String,
                 now: Timestamp) async throws(StoreError) -> [CanonicalEvent]
    /// Resolves every open exception about `subject` as `target`, each checked and written separately.
    func resolveAll(subject: RecordKey, target: RecordKey, note: String?, by actor: String,
                    now: Timestamp) async throws(StoreError) -> BulkResolutionReport
    /// Who may approve reprocessing: kept in the store, so every console enforces the same rule.
    func reprocessPolicy() async throws(StoreError) -> ReprocessPolicy
    /// Changes the reprocess policy for everyone.
    func setReprocessPolicy(_ policy: ReprocessPolicy) async throws(StoreError)
    /// Reprocess requests, newest first; `outstandingOnly` keeps those not yet completed.
    func reprocessRequests(outstandingOnly: Bool, limit: Int) async throws(StoreError) -> [ReprocessRequestRow]
    /// Console events (the audit trail) at or after `since`, in log order.
    func auditTrail(since: Timestamp?) async throws(StoreError) -> [LoggedEvent]
    /// Checks the hash chain over every console event.
    func verifyAudit() async throws(StoreError) -> [AuditFinding]
}
