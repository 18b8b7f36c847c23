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
    /// Resolves exactly the exceptions `plan` includes (as ``previewResolveAll(subject:target:note:by:now:)``
    /// listed them and the person confirmed), each only if still at the version listed, in one transaction.
    /// Every included id is in the report: resolved, or refused with the reason. Exceptions about the subject that
    /// the plan does not include (raised since the preview, or refused in it) are not touched.
    func resolveAll(_ plan: BulkResolutionPlan, by actor: String, now: Timestamp) async throws(StoreError) -> BulkResolutionReport
    /// Whether an event with this `event_id` is in the log.
    func eventExists(id: String) async throws(StoreError) -> Bool
    /// Who may approve reprocessing: kept in the store, so every console enforces the same rule.
    func reprocessPolicy() async throws(StoreError) -> ReprocessPolicy
    /// Changes the reprocess policy for everyone, as a decision: decided by ``PolicyRules`` (only an approver, or
    /// the store's owner; a sound policy), written as a sealed `reprocess.policy_changed` event (who, when,
    /// old → new) in the same transaction as the setting. Fails with ``StoreError/permissionDenied(_:)`` when
    /// `actor` may not, ``StoreError/rejected(_:)`` when the policy is unsound. Returns the event written.
    func setReprocessPolicy(_ policy: ReprocessPolicy, by actor: String, now: Timestamp) async throws(StoreError) -> CanonicalEvent
    /// Reprocess requests, newest first; `outstandingOnly` keeps those that may still run (not completed, and their
    /// exception still open).
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
