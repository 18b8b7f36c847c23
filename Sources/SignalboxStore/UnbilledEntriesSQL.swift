import SignalboxCore

/// The SQL of the unbilled drill-down as of T (entries approved by T and not billed by then: filter, order, first
/// rows, how many match), shared by every store. Entries approved again after T take their approval as of T from
/// the log: the store filters those with the same rule in memory and ``firstRows(_:request:asOf:)`` merges both.
public struct UnbilledEntriesSQL: Sendable {
    public typealias Parameter = ExceptionQuerySQL.Parameter

    /// The columns a page selects, in order.
    public static let selected = """
        e.time_entry_id, e.contract_id, coalesce(c.customer_name, ''), e.resource, e.currency, e.hours_units, e.amount_units, e.approved_at
        """
    /// The columns the filter searches: ``UnbilledEntry/searchableText``.
    static let searched = ["e.time_entry_id", "e.contract_id", "c.customer_name", "e.resource", "e.currency"]

    public let asOf: Timestamp
    public let request: DetailRequest
    public let dialect: ExceptionQuerySQL.Dialect

    public init(asOf: Timestamp, request: DetailRequest, dialect: ExceptionQuerySQL.Dialect) {
        self.asOf = asOf
        self.request = request
        self.dialect = dialect
    }

    /// The first rows the request keeps among the entries whose approval as of T is their latest, in its order.
    public func page() -> (sql: String, parameters: [Parameter]) {
        var (condition, parameters) = conditions()
        parameters.append(.integer(Int64(max(request.limit, 0))))
        let direction = request.ascending ? "ASC" : "DESC"
        let order = sortExpressions(request.sortColumn).map { "\($0) \(direction), " }.joined()
        let c = dialect.textCollation
        return ("""
            SELECT \(Self.selected) FROM time_entries e LEFT JOIN contracts c ON c.contract_id = e.contract_id
            WHERE \(condition) ORDER BY \(order)e.currency\(c), e.amount_units DESC, e.time_entry_id\(c) LIMIT \(dialect.placeholder(parameters.count))
            """, parameters)
    }

    /// How many of those entries the filter keeps.
    public func count() -> (sql: String, parameters: [Parameter]) {
        let (condition, parameters) = conditions()
        return ("SELECT count(*) FROM time_entries e LEFT JOIN contracts c ON c.contract_id = e.contract_id WHERE \(condition)",
                parameters)
    }

    /// The first `request.limit` of `entries` in the request's order (ties, and no sort, in the list's own order).
    public static func firstRows(_ entries: [UnbilledEntry], request: DetailRequest, asOf: Timestamp) -> [UnbilledEntry] {
        let sorted = entries.sorted { a, b in
            if let column = request.sortColumn, column < 7 {
                let left = a.sortKeys(asOf: asOf)[column], right = b.sortKeys(asOf: asOf)[column]
                if left < right { return request.ascending }
                if right < left { return !request.ascending }
            }
            return UnbilledEntry.inListOrder(a, b)
        }
        return Array(sorted.prefix(max(request.limit, 0)))
    }

    /// Unbilled at T, approved by T, and kept by the filter.
    private func conditions() -> (String, [Parameter]) {
        var parameters: [Parameter] = [.integer(asOf.microseconds)]
        let t = dialect.placeholder(1)
        var condition = "(e.billed_at IS NULL OR e.billed_at > \(t)) AND e.approved_at <= \(t)"
        if let filter = request.filter.sqlCondition(columns: Self.searched, placeholder: dialect.placeholder(2),
                                                    collation: dialect.textCollation) {
            parameters.append(.text(request.filter.likePattern))
            condition += " AND " + filter
        }
        return (condition, parameters)
    }

    /// The order of a column as ``UnbilledEntry/sortKeys(asOf:)`` has it (an amount sorts by currency, then amount).
    private func sortExpressions(_ column: Int?) -> [String] {
        func text(_ name: String) -> String { "lower(\(name)\(dialect.textCollation))" }
        switch column {
        case 0: return [text("e.time_entry_id")]
        case 1: return [text("e.contract_id")]
        case 2: return [text("coalesce(c.customer_name, '')")]
        case 3: return ["e.hours_units"]
        case 4: return ["e.currency\(dialect.textCollation)", "e.amount_units"]
        case 5: return ["(0 - e.approved_at)"]
        case 6: return [text("e.resource")]
        default: return []
        }
    }
}
