import SignalboxCore

/// The time-to-invoice drill-down: entries first billed in the window on their projected approval. Entries approved
/// again after their invoice take the approval they were billed on from the log: the store filters those with the
/// same rule in memory and merges both with ``firstRows(_:request:keys:inListOrder:)``.
extension DetailListSQL {
    /// `time_entry_id, contract_id, approved_at, billed_at`; searched as ``InvoicedTimeEntry/searchableText``, sorted
    /// as ``InvoicedTimeEntry/sortKeys``.
    public static func invoicedTimeEntries(asOf: Timestamp, window: SignalDuration, request: DetailRequest,
                                           dialect: ExceptionQuerySQL.Dialect) -> DetailListSQL {
        DetailListSQL(
            asOf: asOf, window: window, request: request, dialect: dialect, from: "time_entries",
            condition: "billed_at > \(dialect.placeholder(2)) AND billed_at <= \(dialect.placeholder(1)) AND approved_at <= billed_at",
            selected: "time_entry_id, contract_id, approved_at, billed_at",
            searched: ["time_entry_id", "contract_id"],
            sortColumns: [[text("time_entry_id", dialect)], [text("contract_id", dialect)], ["(billed_at - approved_at)"], ["approved_at"],
                          ["billed_at"]],
            ownOrder: "billed_at - approved_at DESC, time_entry_id\(dialect.textCollation)")
    }
}
