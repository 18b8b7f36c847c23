import SignalboxCore

extension ExceptionQuery {
    /// The most exceptions one resolve-all reads (and its command-line preview lists).
    public static let bulkResolutionLimit = 10_000

    /// The open exceptions about `subject` that a resolve-all acts on.
    public static func bulkResolution(of subject: RecordKey) -> ExceptionQuery {
        var query = ExceptionQuery()
        query.subject = subject
        query.limit = bulkResolutionLimit
        return query
    }
}

/// One resolve-all as every store runs it: each open exception about the subject is checked and written in a
/// transaction of its own, so one refusal or failure does not undo the others. The stores differ only in how they
/// read an exception under lock and write its events (`resolveOne`).
public struct BulkResolutionRun: Sendable {
    public var subject: RecordKey
    public var target: RecordKey
    public var note: String?
    public var actor: String
    public var now: Timestamp

    public init(subject: RecordKey, target: RecordKey, note: String?, actor: String, now: Timestamp) {
        self.subject = subject
        self.target = target
        self.note = note
        self.actor = actor
        self.now = now
    }

    /// The rules' decision for one exception as it stands in the writer's transaction, against the version listed.
    public func decide(_ record: ExceptionRecord, seenVersion: Int64, policy: ReprocessPolicy) -> BulkResolutionOutcome {
        var ids = RandomIdentifiers(prefix: "console-")
        return BulkResolution.resolveAll([SeenException(record: record, seenVersion: seenVersion)], subject: subject,
                                         target: target, note: note, by: actor, policy: policy, now: now, ids: &ids)
    }

    /// Resolves each of `rows` with `resolveOne` (one transaction: read the exception, ``decide(_:seenVersion:policy:)``,
    /// write the events; returns the decision with the events as written) and gathers the outcomes.
    public func run(
        over rows: [ExceptionRow], isolation: isolated (any Actor)? = #isolation,
        resolveOne: (ExceptionRow) async throws(StoreError) -> BulkResolutionOutcome
    ) async -> BulkResolutionReport {
        var report = BulkResolutionReport()
        for row in rows {
            do {
                let single = try await resolveOne(row)
                report.failures += single.failures.map { .init(exceptionID: $0.exceptionID, error: .refused($0.error)) }
                report.events += single.events
                if !single.events.isEmpty { report.resolvedIDs.append(row.exceptionID) }
            } catch {
                report.failures.append(.init(exceptionID: row.exceptionID, error: .store(error)))
            }
        }
        return report
    }
}
