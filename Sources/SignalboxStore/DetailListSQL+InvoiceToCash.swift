import SignalboxCore

/// The invoice-to-cash drill-down's two parts: invoices unpaid at T and those paid in the window, each whose projected
/// settlement holds at T. Invoices re-posted after T, or unpaid at T with payments after it, are folded as of T from
/// the log: the store filters those with the same rule in memory and merges them into their part with
/// ``firstRows(_:request:keys:inListOrder:)``. The console sorts the two parts' first rows together.
extension DetailListSQL {
    /// Unpaid at T: `invoice_id, currency, total_units, paid_units, posted_at`; searched as
    /// ``InvoiceStanding/searchableText``, sorted as ``InvoiceStanding/sortKeys(asOf:)``.
    public static func unpaidInvoices(asOf: Timestamp, request: DetailRequest, dialect: ExceptionQuerySQL.Dialect) -> DetailListSQL {
        let t = dialect.placeholder(1), c = dialect.textCollation
        return DetailListSQL(
            asOf: asOf, window: .seconds(0), request: request, dialect: dialect, from: "invoices",
            condition: "paid_at IS NULL AND posted_at <= \(t) AND latest_posting_at <= \(t) AND (last_payment_at IS NULL OR last_payment_at <= \(t))",
            selected: "invoice_id, currency, total_units, paid_units, posted_at",
            searched: ["invoice_id", "'unpaid'", "currency"],
            sortColumns: [[text("invoice_id", dialect)], [], ["currency\(c)", "(total_units - paid_units)"], ["(0 - posted_at)"],
                          ["currency\(c)", "total_units"], ["posted_at"]],
            ownOrder: "posted_at, invoice_id\(c)")
    }

    /// Paid in the window: `invoice_id, currency, total_units, posted_at, paid_at`; searched and sorted as the unpaid.
    public static func paidInvoices(asOf: Timestamp, window: SignalDuration, request: DetailRequest,
                                    dialect: ExceptionQuerySQL.Dialect) -> DetailListSQL {
        let t = dialect.placeholder(1), c = dialect.textCollation
        let waited = "(CASE WHEN paid_at > posted_at THEN paid_at - posted_at ELSE 0 END)"
        return DetailListSQL(
            asOf: asOf, window: window, request: request, dialect: dialect, from: "invoices",
            condition: "paid_at > \(dialect.placeholder(2)) AND paid_at <= \(t) AND posted_at <= \(t) AND latest_posting_at <= \(t)",
            selected: "invoice_id, currency, total_units, posted_at, paid_at",
            searched: ["invoice_id", "'paid'", "currency"],
            sortColumns: [[text("invoice_id", dialect)], [], ["currency\(c)"], [waited], ["currency\(c)", "total_units"], ["posted_at"]],
            ownOrder: "\(waited) DESC, invoice_id\(c)")
    }
}
