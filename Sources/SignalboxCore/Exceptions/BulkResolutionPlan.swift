import Crypto

/// What a person is shown before a resolve-all and confirms: every exception it will write, with its kind, amount
/// and the version seen, and apart from them the ones the rules refuse, with the reason. Confirming writes exactly
/// ``included`` at those versions (see ``BulkResolution/resolveAll(_:subject:target:note:by:policy:now:ids:)``).
///
/// ```swift
/// let plan = BulkResolutionPlan(records: open, subject: subject, target: target, note: nil, by: "alice",
///                               policy: policy, now: clock.now)
/// print(plan.digest)   // what `--yes --plan DIGEST` must match
/// ```
public struct BulkResolutionPlan: Hashable, Sendable {
    /// One exception as the preview shows it.
    public struct Item: Hashable, Sendable {
        public var exceptionID: String
        public var kind: ExceptionKind
        public var amountAtRisk: ExactDecimal?
        public var currency: String?
        /// The version seen: the write is refused for this exception if it changed since.
        public var version: Int64

        public init(exceptionID: String, kind: ExceptionKind, amountAtRisk: ExactDecimal?, currency: String?, version: Int64) {
            self.exceptionID = exceptionID
            self.kind = kind
            self.amountAtRisk = amountAtRisk
            self.currency = currency
            self.version = version
        }

        public init(_ record: ExceptionRecord) {
            self.init(exceptionID: record.id, kind: record.kind, amountAtRisk: record.amountAtRisk,
                      currency: record.currency, version: record.version)
        }

        /// `EUR 1200.00`, or `—` without an amount.
        public var amountText: String {
            amountAtRisk.map { "\(currency ?? "") \($0.rounded(toPlaces: 2))" } ?? "—"
        }
    }

    /// An exception the rules refuse: shown apart, not counted, never written.
    public struct Refusal: Hashable, Sendable {
        public var item: Item
        public var error: ExceptionActionError

        public init(item: Item, error: ExceptionActionError) {
            self.item = item
            self.error = error
        }
    }

    public var subject: RecordKey
    public var target: RecordKey
    public var note: String?
    /// The exceptions a confirmation writes, in the order listed.
    public var included: [Item]
    public var refused: [Refusal]

    public init(subject: RecordKey, target: RecordKey, note: String?, included: [Item], refused: [Refusal]) {
        self.subject = subject
        self.target = target
        self.note = note
        self.included = included
        self.refused = refused
    }

    /// The plan for `records` (the open exceptions about `subject`): each is checked by the rules as `actor`
    /// would act on it now, at the version read.
    public init(records: [ExceptionRecord], subject: RecordKey, target: RecordKey, note: String?, by actor: String,
                policy: ReprocessPolicy, now: Timestamp) {
        var included: [Item] = [], refused: [Refusal] = []
        for record in records {
            var ids = RandomIdentifiers(prefix: "preview-")
            let seen = SeenException(record: record, seenVersion: record.version)
            let outcome = BulkResolution.resolveAll([seen], subject: subject, target: target, note: note, by: actor,
                                                    policy: policy, now: now, ids: &ids)
            if let failure = outcome.failures.first {
                refused.append(Refusal(item: Item(record), error: failure.error))
            } else {
                included.append(Item(record))
            }
        }
        self.init(subject: subject, target: target, note: note, included: included, refused: refused)
    }

    /// A short fingerprint of what a confirmation writes: subject, target, note and every included id at its
    /// version. Two previews have the same digest exactly when confirming either writes the same thing.
    public var digest: String {
        var text = "\(subject)\n\(target)\n\(note ?? "")\n"
        for item in included.sorted(by: { $0.exceptionID < $1.exceptionID }) { text += "\(item.exceptionID)@\(item.version)\n" }
        return Hexadecimal.lowercase(SHA256.hash(data: Array(text.utf8)).prefix(8))
    }

    /// Each included exception's id and the version seen, in the order listed.
    public var seenVersions: [(exceptionID: String, version: Int64)] { included.map { ($0.exceptionID, $0.version) } }

    /// How this plan differs from an earlier preview's `seenVersions`, one entry per exception: `+ID` newly
    /// included, `-ID` no longer included, `ID@OLD→NEW` included at another version. Empty when both write
    /// the same exceptions at the same versions.
    public func changes(since seen: [(exceptionID: String, version: Int64)]) -> [String] {
        let before = Dictionary(seen.map { ($0.exceptionID, $0.version) }, uniquingKeysWith: { first, _ in first })
        let now = Set(included.map(\.exceptionID))
        var changes: [String] = []
        for item in included {
            guard let old = before[item.exceptionID] else { changes.append("+\(item.exceptionID)"); continue }
            if old != item.version { changes.append("\(item.exceptionID)@\(old)→\(item.version)") }
        }
        changes += seen.filter { !now.contains($0.exceptionID) }.map { "-\($0.exceptionID)" }
        return changes
    }
}
