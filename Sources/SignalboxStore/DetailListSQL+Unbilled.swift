import SignalboxCore

/// The unbilled drill-down: entries approved by T (their latest approval) and not billed by then. Entries approved
/// again after T take their approval as of T from the log: the store filters those with the same rule in memory and
/// merges both with ``firstRows(_:request:keys:inListOrder:)``.
///
/// The entries are read from the `time_entries_unbilled` index alone, one range per half of the condition (never
/// billed; billed after T): an `OR` of the two read every entry's row before filtering or sorting (on the 1M store,
/// 371,271 rows, about 2 s for a page and 2 s more for its count). The index holds every text the filter searches but
/// the customer's name, which is matched among the contracts once; only the page's rows are joined to their entry and
/// contract.
extension DetailListSQL {
    /// The first `request.limit` unbilled entries that the request's filter keeps, in its order (ties and no sort: the
    /// list's own, by currency, largest amount first, then id). Columns: `time_entry_id, contract_id, customer,
    /// resource, currency, hours_units, amount_units, approved_at`, searched as ``UnbilledEntry/searchableText``,
    /// sorted as ``UnbilledEntry/sortKeys(asOf:)``.
    public static func unbilledPage(asOf: Timestamp, request: DetailRequest,
                                    dialect: ExceptionQuerySQL.Dialect) -> (sql: String, parameters: [Parameter]) {
        var (ranges, parameters) = unbilledRanges(asOf: asOf, request: request, dialect: dialect,
                                                  customerLooked: request.sortColumn == customerColumn)
        parameters.append(.integer(Int64(max(request.limit, 0))))
        let limit = dialect.placeholder(parameters.count)
        return ("""
            SELECT \(unbilledColumns)
            FROM (SELECT * FROM (\(ranges)) AS unbilled ORDER BY \(unbilledOrder(of: "", request, dialect)) LIMIT \(limit)) AS k
            JOIN time_entries e ON e.time_entry_id = k.time_entry_id
            LEFT JOIN contracts c ON c.contract_id = e.contract_id
            ORDER BY \(unbilledOrder(of: "k.", request, dialect))
            """, parameters)
    }

    /// How many unbilled entries the request's filter keeps (``unbilledPage(asOf:request:dialect:)``'s rows, all of them).
    public static func unbilledCount(asOf: Timestamp, request: DetailRequest,
                                     dialect: ExceptionQuerySQL.Dialect) -> (sql: String, parameters: [Parameter]) {
        let (ranges, parameters) = unbilledRanges(asOf: asOf, request: request, dialect: dialect, customerLooked: false)
        return ("SELECT count(*) FROM (\(ranges)) AS unbilled", parameters)
    }

    /// The customer's column, as the console numbers the list's columns.
    private static let customerColumn = 2

    /// The unbilled entries the filter keeps, from the index: the entry's columns the order reads, and the customer's
    /// name when `customerLooked` (otherwise NULL: looking it up costs a read of the contract per entry). Parameter 1
    /// is T, 2 the filter's pattern when there is one.
    private static func unbilledRanges(asOf: Timestamp, request: DetailRequest, dialect: ExceptionQuerySQL.Dialect,
                                       customerLooked: Bool) -> (String, [Parameter]) {
        let t = dialect.placeholder(1), pattern = dialect.placeholder(2)
        var parameters: [Parameter] = [.integer(asOf.microseconds)]
        var kept = ""
        let texts = ["e.time_entry_id", "e.contract_id", "e.resource", "e.currency"].map {
            DetailFilter.containsCondition($0, placeholder: pattern, dialect: dialect)
        }
        let customers = "SELECT contract_id FROM contracts WHERE "
            + DetailFilter.containsCondition("customer_name", placeholder: pattern, dialect: dialect)
        // Never NULL, so that an inverse filter keeps an entry whose contract is not known.
        let customer = "(e.contract_id IS NOT NULL AND e.contract_id IN (\(customers)))"
        if let filter = request.filter.sqlCondition(anyOf: texts + [customer]) {
            parameters.append(.text(request.filter.likePattern))
            kept = " AND " + filter
        }
        let name = customerLooked ? "(SELECT customer_name FROM contracts WHERE contract_id = e.contract_id)" : "NULL"
        let select = "SELECT e.time_entry_id, e.contract_id, e.resource, e.currency, e.hours_units, e.amount_units, "
            + "e.approved_at, \(name) AS customer_name FROM time_entries e WHERE"
        return ("""
            \(select) e.billed_at IS NULL AND e.approved_at <= \(t)\(kept)
            UNION ALL \(select) e.billed_at > \(t) AND e.approved_at <= \(t)\(kept)
            """, parameters)
    }

    /// The request's order over the columns of `alias` (the ranges' columns): the sorted column, then the list's own
    /// order (by currency, largest amount first, then the entry's id), which also breaks ties.
    private static func unbilledOrder(of alias: String, _ request: DetailRequest, _ dialect: ExceptionQuerySQL.Dialect) -> String {
        let c = dialect.textCollation, a = alias
        let columns: [[String]] = [
            [text("\(a)time_entry_id", dialect)], [text("\(a)contract_id", dialect)],
            [text("coalesce(\(a)customer_name, '')", dialect)], ["\(a)hours_units"], ["\(a)currency\(c)", "\(a)amount_units"],
            ["(0 - \(a)approved_at)"], [text("\(a)resource", dialect)],
        ]
        let direction = request.ascending ? "ASC" : "DESC"
        let sorted = request.sortColumn.flatMap { columns.indices.contains($0) ? columns[$0] : nil } ?? []
        return sorted.map { "\($0) \(direction), " }.joined() + "\(a)currency\(c), \(a)amount_units DESC, \(a)time_entry_id\(c)"
    }

    /// The columns an unbilled page selects (`e` the entry, `c` its contract), in ``unbilledPage(asOf:request:dialect:)``'s order.
    private static let unbilledColumns = "e.time_entry_id, e.contract_id, coalesce(c.customer_name, ''), e.resource, e.currency, e.hours_units, "
        + "e.amount_units, e.approved_at"
}
