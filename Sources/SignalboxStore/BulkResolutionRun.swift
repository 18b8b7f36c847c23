import SignalboxCore

extension ExceptionQuery {
    /// The most exceptions one resolve-all reads (and its preview lists).
    public static let bulkResolutionLimit = 10_000

    /// The open exceptions about `subject` that a resolve-all preview considers.
    public static func bulkResolution(of subject: RecordKey) -> ExceptionQuery {
        var query = ExceptionQuery()
        query.subject = subject
        query.limit = bulkResolutionLimit
        return query
    }
}

extension ExceptionQueueStore {
    /// What a resolve-all would write as `actor` now: every open exception about `subject`, checked by the rules,
    /// the refused ones apart. Writes nothing; confirm with ``resolveAll(_:by:now:)``.
    public func previewResolveAll(subject: RecordKey, target: RecordKey, note: String?, by actor: String,
                                  now: Timestamp) async throws(StoreError) -> BulkResolutionPlan {
        let policy = try await reprocessPolicy()
        var records: [ExceptionRecord] = []
        for row in try await exceptionRows(.bulkResolution(of: subject), now: now) {
            if let record = try await exceptionRecord(id: row.exceptionID) { records.append(record) }
        }
        return BulkResolutionPlan(records: records, subject: subject, target: target, note: note, by: actor,
                                  policy: policy, now: now)
    }
}

/// One confirmed resolve-all as every store runs it inside its single transaction: each confirmed exception is
/// read as it stands (under the store's lock) and decided against the version the person saw; nothing else is
/// touched. The stores differ only in how they read an exception and write the events.
public struct BulkResolutionRun: Sendable {
    public var plan: BulkResolutionPlan
    public var actor: String
    public var now: Timestamp

    public init(plan: BulkResolutionPlan, actor: String, now: Timestamp) {
        self.plan = plan
        self.actor = actor
        self.now = now
    }

    /// The ids the writer reads (and locks) before deciding.
    public var exceptionIDs: [String] { plan.included.map(\.exceptionID) }

    /// The decision for every confirmed exception, given each as it stands in the writer's transaction (absent
    /// when gone). The events are not written yet: the caller writes them and replaces them with the sealed ones.
    public func decide(policy: ReprocessPolicy, current: [String: ExceptionRecord]) -> BulkResolutionReport {
        var report = BulkResolutionReport()
        var ids = RandomIdentifiers(prefix: "console-")
        for item in plan.included {
            guard let record = current[item.exceptionID] else {
                report.failures.append(.init(exceptionID: item.exceptionID, error: .store(.notFound("exception \(item.exceptionID)"))))
                continue
            }
            let single = BulkResolution.resolveAll([SeenException(record: record, seenVersion: item.version)],
                                                   subject: plan.subject, target: plan.target, note: plan.note,
                                                   by: actor, policy: policy, now: now, ids: &ids)
            report.events += single.events
            report.resolvedIDs += single.resolvedIDs
            report.failures += single.failures.map { .init(exceptionID: $0.exceptionID, error: .refused($0.error)) }
        }
        return report
    }
}
