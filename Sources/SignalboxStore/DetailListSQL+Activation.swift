import SignalboxCore

/// The activation drill-down's two parts: its pending contracts and those activated in the window. Each part is
/// ordered on its own; the console sorts the two parts' first rows together, which gives the first rows of the whole
/// list in that order.
extension DetailListSQL {
    /// Pending at T: `contract_id, customer_name, approved_at, provisioned_at, billing_at` (the last two as of T);
    /// searched as ``PendingActivation/searchableText``.
    public static func pendingActivations(asOf: Timestamp, request: DetailRequest, dialect: ExceptionQuerySQL.Dialect) -> DetailListSQL {
        let t = dialect.placeholder(1), c = dialect.textCollation
        let notProvisioned = "(provisioned_at IS NULL OR provisioned_at > \(t))"
        let waiting = "(CASE WHEN \(notProvisioned) AND (billing_at IS NULL OR billing_at > \(t)) THEN 'project+billing'"
            + " WHEN \(notProvisioned) THEN 'project' ELSE 'billing' END)"
        return DetailListSQL(
            asOf: asOf, window: .seconds(0), request: request, dialect: dialect, from: "contracts",
            condition: "approved_at <= \(t) AND (activated_at IS NULL OR activated_at > \(t))",
            selected: "contract_id, customer_name, approved_at, CASE WHEN provisioned_at <= \(t) THEN provisioned_at END, "
                + "CASE WHEN billing_at <= \(t) THEN billing_at END",
            searched: ["contract_id", "customer_name", "'pending'", "'waiting for ' || \(waiting)"],
            sortColumns: [[text("contract_id", dialect)], [text("customer_name", dialect)], [], ["(0 - approved_at)"], [waiting + c]],
            ownOrder: "approved_at, contract_id\(c)")
    }

    /// Activated in the window: `contract_id, customer_name, approved_at, activated_at`; searched as
    /// ``ActivatedContract/searchableText``.
    public static func activatedContracts(asOf: Timestamp, window: SignalDuration, request: DetailRequest,
                                          dialect: ExceptionQuerySQL.Dialect) -> DetailListSQL {
        let t = dialect.placeholder(1)
        return DetailListSQL(
            asOf: asOf, window: window, request: request, dialect: dialect, from: "contracts",
            condition: "activated_at > \(dialect.placeholder(2)) AND activated_at <= \(t) AND approved_at <= \(t)",
            selected: "contract_id, customer_name, approved_at, activated_at",
            searched: ["contract_id", "customer_name", "'activated'"],
            sortColumns: [[text("contract_id", dialect)], [text("customer_name", dialect)], [], ["(activated_at - approved_at)"],
                          ["activated_at"]],
            ownOrder: "activated_at - approved_at DESC, contract_id\(dialect.textCollation)")
    }
}
