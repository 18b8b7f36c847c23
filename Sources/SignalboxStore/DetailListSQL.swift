import SignalboxCore

/// The SQL of one drill-down list (or one part of one) as of T: the rows a ``DetailRequest`` keeps (its filter over
/// the row's texts), in its order, the first of them, and how many it keeps; shared by every store, parameters and
/// text order in the dialect's spelling. In the list's `condition`, `searched` and `sortColumns`, placeholder 1 is T
/// and 2 the window's start.
public struct DetailListSQL: Sendable {
    public typealias Parameter = ExceptionQuerySQL.Parameter

    public let asOf: Timestamp
    public let windowStart: Timestamp
    public let request: DetailRequest
    public let dialect: ExceptionQuerySQL.Dialect
    /// `FROM` what.
    let from: String
    /// Which rows belong to the list.
    let condition: String
    /// The columns a page selects.
    let selected: String
    /// The texts the filter searches, as SQL (NULL counts as empty): the row type's `searchableText`.
    let searched: [String]
    /// Each column's order as the console numbers the columns (expressions sorted one after the other; none: the
    /// list's own order), as the row type's `sortKeys` compare.
    let sortColumns: [[String]]
    /// The list's own order, which also breaks ties.
    let ownOrder: String

    /// The first rows the request keeps, in its order.
    public func page() -> (sql: String, parameters: [Parameter]) {
        var (where_, parameters) = conditions()
        parameters.append(.integer(Int64(max(request.limit, 0))))
        let direction = request.ascending ? "ASC" : "DESC"
        let sort = request.sortColumn.flatMap { sortColumns.indices.contains($0) ? sortColumns[$0] : nil } ?? []
        let order = sort.map { "\($0) \(direction), " }.joined()
        return ("SELECT \(selected) FROM \(from) WHERE \(where_) ORDER BY \(order)\(ownOrder) LIMIT \(dialect.placeholder(parameters.count))",
                parameters)
    }

    /// How many rows the request's filter keeps.
    public func count() -> (sql: String, parameters: [Parameter]) {
        let (where_, parameters) = conditions()
        return ("SELECT count(*) FROM \(from) WHERE \(where_)", parameters)
    }

    /// T, the window's start, and the filter's pattern when there is one; the WHERE clause.
    private func conditions() -> (String, [Parameter]) {
        var parameters: [Parameter] = [.integer(asOf.microseconds), .integer(windowStart.microseconds)]
        var where_ = "(\(condition))"
        if let filter = request.filter.sqlCondition(columns: searched, placeholder: dialect.placeholder(3), dialect: dialect) {
            parameters.append(.text(request.filter.likePattern))
            where_ += " AND " + filter
        }
        return (where_, parameters)
    }

    /// The first `request.limit` of `rows` in the request's order by `keys` (the row type's `sortKeys`), ties and no
    /// sort in the list's own order: how a store merges the rows of its SQL with rows it read from the log.
    public static func firstRows<Row>(_ rows: [Row], request: DetailRequest, keys: (Row) -> [DetailSortKey],
                                      inListOrder: (Row, Row) -> Bool) -> [Row] {
        let sorted = rows.sorted { a, b in
            if let column = request.sortColumn {
                let left = keys(a), right = keys(b)
                if left.indices.contains(column), right.indices.contains(column) {
                    if left[column] < right[column] { return request.ascending }
                    if right[column] < left[column] { return !request.ascending }
                }
            }
            return inListOrder(a, b)
        }
        return Array(sorted.prefix(max(request.limit, 0)))
    }

    /// `lower(column)` in byte order: text as ``DetailSortKey`` sorts it.
    static func text(_ column: String, _ dialect: ExceptionQuerySQL.Dialect) -> String { "lower(\(column)\(dialect.textCollation))" }

    init(asOf: Timestamp, window: SignalDuration, request: DetailRequest, dialect: ExceptionQuerySQL.Dialect, from: String,
         condition: String, selected: String, searched: [String], sortColumns: [[String]], ownOrder: String) {
        self.asOf = asOf
        self.windowStart = asOf.subtracting(window)
        self.request = request
        self.dialect = dialect
        self.from = from
        self.condition = condition
        self.selected = selected
        self.searched = searched
        self.sortColumns = sortColumns
        self.ownOrder = ownOrder
    }
}
