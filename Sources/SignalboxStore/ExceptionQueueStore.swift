import SignalboxCore

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
    /// Who is acting, as the store's authentication says (the OS account, or the database login).
    func identity() async throws(StoreError) -> StoreIdentity
    /// Lets any writer record actions under any name (demos, tests with several actors), or stops it. Refused
    /// where the store authenticates its users itself (PostgreSQL: the actor is always the login).
    func setNamedActorsAllowed(_ allowed: Bool) async throws(StoreError)
    /// Decides and writes `command` in one transaction, under the store's ``reprocessPolicy()``. Fails with
    /// ``StoreError/conflict(_:)`` when the exception changed since `seenVersion`, ``StoreError/rejected(_:)``
    /// when the rules refuse it, ``StoreError/permissionDenied(_:)`` when `actor` is not who ``identity()`` says
    /// is acting (and the store does not allow named actors). Returns the events written.
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
    /// The audit trail at or after `since`, in log order: every event the chain covers (console actions and every
    /// change of an exception, whatever its source).
    func auditTrail(since: Timestamp?) async throws(StoreError) -> [LoggedEvent]
    /// Checks the hash chain over every audited row (its columns as stored and its payload) and the head kept
    /// beside it; the result also compares with checkpoints kept outside the store.
    func verifyAudit() async throws(StoreError) -> AuditVerification
    /// `notice` is called when an action has to wait for another writer (a bulk ingest holding a SQLite store)
    /// before it can go ahead, so the person waiting is told; the action then waits its turn and goes on.
    func onWaitingForAnotherWriter(_ notice: @escaping @Sendable () -> Void) async
}
