import SignalboxCore

extension ReprocessPolicy {
    /// The `settings` keys the policy is stored under, in every store.
    public static let settingsKeyPrefix = "reprocess."

    /// The policy kept in a store's `settings` table (four eyes unless explicitly switched off).
    public init(settings: [String: String]) {
        self.init(
            fourEyes: settings["reprocess.four_eyes"] != "false",
            selfApprovalBelow: settings["reprocess.self_approval_below"].flatMap { try? ExactDecimal(parsing: $0) },
            selfApprovalCurrency: settings["reprocess.self_approval_currency"]
        )
    }

    /// The rows to store for this policy (keys without a value are left out).
    public var settings: [(key: String, value: String)] {
        let values: [(String, String?)] = [
            ("reprocess.four_eyes", fourEyes ? "true" : "false"),
            ("reprocess.self_approval_below", selfApprovalBelow?.description),
            ("reprocess.self_approval_currency", selfApprovalCurrency),
        ]
        return values.compactMap { key, value in value.map { (key, $0) } }
    }
}
