/// Who may approve a reprocess request.
///
/// By default four eyes: the approver must not be the requester. Self-approval
/// can be allowed for small amounts: strictly below `selfApprovalBelow`, and
/// (when `selfApprovalCurrency` is set) only in that currency. An exception
/// without an amount at risk is never self-approved under four eyes, since its
/// risk is unknown.
///
/// ```swift
/// let policy = ReprocessPolicy(selfApprovalBelow: try ExactDecimal(parsing: "500"), selfApprovalCurrency: "EUR")
/// ```
public struct ReprocessPolicy: Hashable, Sendable {
    /// When false, anyone (including the requester) may approve.
    public var fourEyes: Bool
    /// Self-approval is allowed when `amount_at_risk` is strictly below this.
    public var selfApprovalBelow: ExactDecimal?
    /// When set, self-approval is allowed only for exceptions in this currency.
    public var selfApprovalCurrency: String?

    public init(fourEyes: Bool = true, selfApprovalBelow: ExactDecimal? = nil, selfApprovalCurrency: String? = nil) {
        self.fourEyes = fourEyes
        self.selfApprovalBelow = selfApprovalBelow
        self.selfApprovalCurrency = selfApprovalCurrency
    }

    /// Four eyes, no self-approval.
    public static let strict = ReprocessPolicy()

    /// Whether the requester may approve their own request on `record`.
    public func allowsSelfApproval(of record: ExceptionRecord) -> Bool {
        guard fourEyes else { return true }
        guard let limit = selfApprovalBelow, let amount = record.amountAtRisk else { return false }
        if let selfApprovalCurrency, record.currency != selfApprovalCurrency { return false }
        return amount < limit
    }
}
