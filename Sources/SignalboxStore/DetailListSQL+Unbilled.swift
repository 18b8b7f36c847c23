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
            selected: unbilledColumns,
            searched: ["e.time_entry_id", "e.contract_id", "c.customer_name", "e.resource", "e.currency"],
            sortColumns: [[text("e.time_entry_id", dialect)], [text("e.contract_id", dialect)],
                          [text("coalesce(c.customer_name, '')", dialect)], ["e.hours_units"], ["e.currency\(c)", "e.amount_units"],
                          ["(0 - e.approved_at)"], [text("e.resource", dialect)]],
            ownOrder: unbilledOrder(of: "e.", dialect))
    }

    /// The list's own order (by currency, largest amount first, then the entry's id) over the columns of `alias`
    /// (`e.`, or `""` for a subquery's own columns): the general page and the opening page sort alike.
    private static func unbilledOrder(of alias: String, _ dialect: ExceptionQuerySQL.Dialect) -> String {
        let c = dialect.textCollation
        return "\(alias)currency\(c), \(alias)amount_units DESC, \(alias)time_entry_id\(c)"
    }

    /// The columns an unbilled page selects (`e` the entry, `c` its contract), in ``unbilledEntries(asOf:request:dialect:)``'s order.
    static let unbilledColumns = "e.time_entry_id, e.contract_id, coalesce(c.customer_name, ''), e.resource, e.currency, e.hours_units, "
        + "e.amount_units, e.approved_at"

    /// The first `request.limit` unbilled entries in the list's own order when the request neither filters nor sorts
    /// (a drill-down as it opens); `nil` otherwise, for ``unbilledEntries(asOf:request:dialect:)`` to answer. The keys
    /// and the order's columns come from the `(billed_at, approved_at, currency, hours_units, amount_units)` index alone,
    /// one range per half of the condition (never billed; billed after T), and only the first rows are fetched and
    /// joined: the general page's `OR` fetched every entry before sorting (on the 1M store 371,271 rows, 1.7 s; this
    /// 0.09 s in `sqlite3`). The same columns as ``unbilledEntries(asOf:request:dialect:)``.
    public static func unbilledFirstEntries(asOf: Timestamp, request: DetailRequest,
                                            dialect: ExceptionQuerySQL.Dialect) -> (sql: String, parameters: [Parameter])? {
        guard request.filter.isEmpty, request.sortColumn == nil else { return nil }
        let t = dialect.placeholder(1), limit = dialect.placeholder(2)
        let keys = "SELECT time_entry_id, currency, amount_units FROM time_entries WHERE"
        return ("""
            SELECT \(unbilledColumns)
            FROM (SELECT * FROM (\(keys) billed_at IS NULL AND approved_at <= \(t)
                                 UNION ALL \(keys) billed_at > \(t) AND approved_at <= \(t)) AS unbilled
                  ORDER BY \(unbilledOrder(of: "", dialect)) LIMIT \(limit)) AS k
            JOIN time_entries e ON e.time_entry_id = k.time_entry_id
            LEFT JOIN contracts c ON c.contract_id = e.contract_id
            ORDER BY \(unbilledOrder(of: "k.", dialect))
            """, [.integer(asOf.microseconds), .integer(Int64(max(request.limit, 0)))])
    }
}
