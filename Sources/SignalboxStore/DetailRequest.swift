/// Which rows of a drill-down list the store reads: those its filter keeps, in a column's order, the first `limit`.
public struct DetailRequest: Equatable, Sendable {
    public var filter: DetailFilter
    /// Order by this column of the list (numbered as the console shows them), else in the list's own order.
    public var sortColumn: Int?
    public var ascending: Bool
    public var limit: Int
    /// Whether the page says how many rows match in the whole list. Counting reads the whole list (371,271 unbilled
    /// entries at 1M events: two seconds on SQLite), so a reader that has the figure already does not ask.
    public var countsMatching: Bool

    public init(filter: DetailFilter = DetailFilter(""), sortColumn: Int? = nil, ascending: Bool = true, limit: Int,
                countsMatching: Bool = true) {
        self.filter = filter
        self.sortColumn = sortColumn
        self.ascending = ascending
        self.limit = limit
        self.countsMatching = countsMatching
    }
}

extension DetailRequest {
    /// The answer to this request from the whole list in its own order, filtered and sorted in memory by the same
    /// rules as in SQL: for a list whose text lies in stored payloads rather than columns.
    public func page<Row>(of rows: [Row], text: (Row) -> [String], keys: (Row) -> [DetailSortKey]) -> DetailPage<[Row]> {
        let kept = Array(rows.filter { filter.matches(text($0)) }.enumerated())
        let first = DetailListSQL.firstRows(kept, request: self, keys: { keys($0.element) }, inListOrder: { $0.offset < $1.offset })
        return DetailPage(rows: first.map(\.element), matching: kept.count)
    }
}

/// The first rows of a drill-down list a ``DetailRequest`` asked for, and how many rows match in all.
public struct DetailPage<Rows: Sendable>: Sendable {
    public var rows: Rows
    /// Rows the request's filter keeps in the whole list; `nil` when the request did not ask
    /// (``DetailRequest/countsMatching``) and counting would have read the list.
    public var matching: Int?

    public init(rows: Rows, matching: Int?) {
        self.rows = rows
        self.matching = matching
    }
}

extension DetailPage: Equatable where Rows: Equatable {}
