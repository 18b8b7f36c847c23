/// `reprocess.policy_changed` (extension, source `CONSOLE`): who changed the reprocess policy, and from what to what.
public struct ReprocessPolicyChanged: Hashable, Sendable {
    public var by: String
    public var from: ReprocessPolicy
    public var to: ReprocessPolicy

    public init(by: String, from: ReprocessPolicy, to: ReprocessPolicy) {
        self.by = by
        self.from = from
        self.to = to
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(by: try r.string("by", maxLength: 128), from: try Self.policy(try r.object("from")),
                  to: try Self.policy(try r.object("to")))
    }

    var json: JSONObject { ["by": .string(by), "from": Self.json(from), "to": Self.json(to)] }

    /// Who may approve, as the `approval` field says it.
    enum Approval: String, CaseIterable {
        case fourEyes = "four_eyes", anyone
    }

    private static func policy(_ r: FieldReader) throws(EventFieldError) -> ReprocessPolicy {
        ReprocessPolicy(fourEyes: try r.oneOf("approval", Approval.self) == .fourEyes,
                        selfApprovalBelow: try r.optionalMoney("self_approval_below"),
                        selfApprovalCurrency: try r.optionalCurrency("self_approval_currency"))
    }

    private static func json(_ policy: ReprocessPolicy) -> JSONValue {
        var object: JSONObject = ["approval": .string((policy.fourEyes ? Approval.fourEyes : .anyone).rawValue)]
        if let below = policy.selfApprovalBelow { object["self_approval_below"] = .decimal(below) }
        if let currency = policy.selfApprovalCurrency { object["self_approval_currency"] = .string(currency) }
        return .object(object)
    }
}
