import SignalboxCore

/// The unbilled drill-down: entries approved by T (their latest approval) and not billed by then. Entries approved
/// again after T take their approval as of T from the log: the store filters those with the same rule in memory and
/// merges both with ``firstRows(_:request:keys:inListOrder:)``.
extension DetailListSQL {
    /// `time_entry_id, contract_id, customer, resource, currency, hours_units, amount_units, approved_at`; searched
    /// as ``UnbilledEntry/searchableText``, sorted as ``UnbilledEntry/sortKeys(asOf:)``.
    public static func unbilledEntries(asOf: Timestamp, request: DetailRequest, dialect: ExceptionQuerySQL.Dialect) -> DetailListSQL {
        let t = dialect.placeholder(1), c = dialect.textCollation
        return DetailListSQL(
            asOf: asOf, window: .seconds(0), request: request, dialect: dialect,
            from: "time_entries e LEFT JOIN contracts c ON c.contract_id = e.contract_id",
            condition: "(e.billed_at IS NULL OR e.billed_at > \(t)) AND e.approved_at <= \(t)",
            selected: "e.time_entry_id, e.contract_id, coalesce(c.customer_name, ''), e.resource, e.currency, e.hours_units, "
                + "e.amount_units, e.approved_at",
            searched: ["e.time_entry_id", "e.contract_id", "c.customer_name", "e.resource", "e.currency"],
            sortColumns: [[text("e.time_entry_id", dialect)], [text("e.contract_id", dialect)],
                          [text("coalesce(c.customer_name, '')", dialect)], ["e.hours_units"], ["e.currency\(c)", "e.amount_units"],
                          ["(0 - e.approved_at)"], [text("e.resource", dialect)]],
            ownOrder: "e.currency\(c), e.amount_units DESC, e.time_entry_id\(c)")
    }
}
