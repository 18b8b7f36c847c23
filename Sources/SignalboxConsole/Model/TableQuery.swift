import SignalboxStore

/// What a drill-down's rows were read with from the store: the user's filter and sort when the list is longer than
/// one read (the store then finds the matching rows among all of them), or ``all`` (the list's own order, no filter).
public struct TableQuery: Equatable, Sendable {
    public var filter: String
    public var sortColumn: Int?
    public var ascending: Bool

    /// The first rows of the whole list in its own order.
    public static let all = TableQuery(filter: "", sortColumn: nil, ascending: true)

    public init(filter: String, sortColumn: Int?, ascending: Bool) {
        self.filter = filter
        self.sortColumn = sortColumn
        self.ascending = ascending
    }

    /// The filter and sort `view` shows.
    public init(_ view: TableView) {
        self.init(filter: view.filter, sortColumn: view.sortColumn, ascending: view.ascending)
    }

    /// The store's request for the first `limit` rows. The whole list's size comes from the signals (the drill-down's
    /// population), so the store counts the matching rows only for a filter or a sort.
    public func request(limit: Int) -> DetailRequest {
        DetailRequest(filter: DetailFilter(filter), sortColumn: sortColumn, ascending: ascending, limit: limit, countsMatching: self != .all)
    }
}
