/// An exception as the user saw it when choosing an action: the current record and the version on screen.
public struct SeenException: Hashable, Sendable {
    /// The exception as it stands now (read in the transaction that will append).
    public var record: ExceptionRecord
    /// The version the user was shown.
    public var seenVersion: Int64

    public init(record: ExceptionRecord, seenVersion: Int64) {
        self.record = record
        self.seenVersion = seenVersion
    }
}

/// The result of resolving many exceptions at once: the events to append and the ones refused.
public struct BulkResolutionOutcome: Sendable {
    /// One exception that could not be resolved, and why.
    public struct Failure: Hashable, Sendable {
        public var exceptionID: String
        public var error: ExceptionActionError

        public init(exceptionID: String, error: ExceptionActionError) {
            self.exceptionID = exceptionID
            self.error = error
        }
    }

    /// Events for every exception that passed its checks, in the order given.
    public var events: [CanonicalEvent] = []
    /// The exceptions those events resolve.
    public var resolvedIDs: [String] = []
    public var failures: [Failure] = []

    public init() {}
}

/// "Apply to all": resolve every exception about one subject with the same mapping.
public enum BulkResolution {
    /// Resolves each exception in `exceptions` as mapping `subject` to `target`, checking each separately
    /// with ``ExceptionRules/decide(_:on:by:seenVersion:policy:now:ids:)``; an exception about another
    /// subject is refused with ``ExceptionActionError/subjectMismatch(exceptionID:)``.
    public static func resolveAll(
        _ exceptions: [SeenException], subject: RecordKey, target: RecordKey, note: String?, by actor: String,
        policy: ReprocessPolicy, now: Timestamp, ids: inout some IdentifierSource
    ) -> BulkResolutionOutcome {
        var outcome = BulkResolutionOutcome()
        let command = ExceptionCommand.resolve(.target(key: target.key, system: target.system), note: note)
        for seen in exceptions {
            let record = seen.record
            do throws(ExceptionActionError) {
                guard record.subject.map(RecordKey.init) == subject else { throw .subjectMismatch(exceptionID: record.id) }
                outcome.events += try ExceptionRules.decide(command, on: record, by: actor, seenVersion: seen.seenVersion,
                                                            policy: policy, now: now, ids: &ids)
                outcome.resolvedIDs.append(record.id)
            } catch {
                outcome.failures.append(.init(exceptionID: record.id, error: error))
            }
        }
        return outcome
    }
}
