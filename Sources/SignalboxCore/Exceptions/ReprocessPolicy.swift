/// Who may approve a reprocess request.
///
/// By default four eyes: the approver must not be the requester. Self-approval can be allowed for small
/// amounts: strictly below `selfApprovalBelow` in `selfApprovalCurrency`, which a threshold always needs
/// (amounts in different currencies are never compared). An exception without an amount at risk is never
/// self-approved under four eyes, since its risk is unknown.
///
/// ```swift
/// let policy = ReprocessPolicy(selfApprovalBelow: try ExactDecimal(parsing: "500"), selfApprovalCurrency: "EUR")
/// try policy.validate()
/// ```
public struct ReprocessPolicy: Hashable, Sendable {
    /// When false, anyone (including the requester) may approve.
    public var fourEyes: Bool
    /// Self-approval is allowed when `amount_at_risk` is strictly below this (in ``selfApprovalCurrency``).
    public var selfApprovalBelow: ExactDecimal?
    /// The currency of the threshold: self-approval is allowed only for exceptions in this currency.
    public var selfApprovalCurrency: String?

    public init(fourEyes: Bool = true, selfApprovalBelow: ExactDecimal? = nil, selfApprovalCurrency: String? = nil) {
        self.fourEyes = fourEyes
        self.selfApprovalBelow = selfApprovalBelow
        self.selfApprovalCurrency = selfApprovalCurrency
    }

    /// Four eyes, no self-approval.
    public static let strict = ReprocessPolicy()

    /// The correlation id of policy changes in the log.
    public static let correlationID = "reprocess-policy"

    /// Whether the requester may approve their own request on `record`.
    public func allowsSelfApproval(of record: ExceptionRecord) -> Bool {
        guard fourEyes else { return true }
        guard let limit = selfApprovalBelow, let currency = selfApprovalCurrency, let amount = record.amountAtRisk,
              record.currency == currency else { return false }
        return amount < limit
    }

    /// Refuses a policy that would not do what it says: a threshold without a currency (it would compare
    /// across currencies), a currency without a threshold or not an ISO 4217 code (it would never match),
    /// a threshold that is not positive or finer than a cent, or a threshold without four eyes.
    public func validate() throws(ExceptionActionError) {
        if let currency = selfApprovalCurrency {
            guard currency.utf8.count == 3, currency.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
                throw .invalidPolicy("currency \(currency.debugDescription) is not an ISO 4217 code (three upper-case letters, e.g. EUR)")
            }
            guard selfApprovalBelow != nil else { throw .invalidPolicy("a currency without a threshold means nothing: give the threshold too") }
        }
        guard let below = selfApprovalBelow else { return }
        guard selfApprovalCurrency != nil else {
            throw .invalidPolicy("a self-approval threshold needs its currency: amounts in different currencies are never compared")
        }
        guard fourEyes else { throw .invalidPolicy("without four eyes anyone may approve: a self-approval threshold contradicts it") }
        guard below > .zero else { throw .invalidPolicy("the self-approval threshold must be above zero") }
        guard below.rounded(toPlaces: 2) == below else { throw .invalidPolicy("the self-approval threshold is finer than a cent") }
    }

    /// In words: `four eyes`, `four eyes, self-approval below EUR 500`, `anyone may approve`.
    public var summary: String {
        guard fourEyes else { return "anyone may approve" }
        guard let below = selfApprovalBelow else { return "four eyes" }
        return "four eyes, self-approval below \(selfApprovalCurrency.map { "\($0) " } ?? "")\(below)"
    }
}

/// The one door for policy changes: who may change it, and whether the new policy is sound.
public enum PolicyRules {
    /// The `reprocess.policy_changed` event that sets `policy` in place of `current`, or why not.
    /// `permitted` is the store's answer whether `actor` holds the approver's authority there
    /// (PostgreSQL: the approver role or the store's owner; SQLite: the owner of the store file).
    public static func decide(
        _ policy: ReprocessPolicy, current: ReprocessPolicy, by actor: String, permitted: Bool, now: Timestamp,
        ids: inout some IdentifierSource
    ) throws(ExceptionActionError) -> CanonicalEvent {
        try ExceptionRules.checkActor(actor)
        guard permitted else { throw .policyChangeNotPermitted(actor: actor) }
        try policy.validate()
        return CanonicalEvent(eventID: ids.next(), occurredAt: now, source: .console, correlationID: ReprocessPolicy.correlationID,
                              payload: .reprocessPolicyChanged(ReprocessPolicyChanged(by: actor, from: current, to: policy)))
    }
}
