import SignalboxStore

/// Rows and columns for a scrollable, sortable, filterable list (drill-downs and traces).
public struct DataTable: Equatable, Sendable {
    /// A column heading, how its cells line up, and how it gives way when the table is narrow (see `ColumnLayout`).
    public struct Column: Equatable, Sendable {
        public var title: String
        /// 0 is placed first; a higher number drops out before a lower one is cut.
        public var priority: Int
        /// The narrowest a cut cell may be (ignored when `whole`).
        public var minimum: Int
        /// The widest the column grows, however long its cells (ignored when `whole`).
        public var natural: Int
        /// Shown whole or not at all: identifiers and amounts are never cut.
        public var whole: Bool
        public var alignRight: Bool

        public init(_ title: String, priority: Int, minimum: Int = 6, natural: Int, alignRight: Bool = false) {
            self.title = title
            self.priority = priority
            self.minimum = minimum
            self.natural = natural
            self.whole = false
            self.alignRight = alignRight
        }

        /// A column never cut: an identifier, an amount, a timestamp.
        public static func whole(_ title: String, priority: Int, alignRight: Bool = false) -> Column {
            var column = Column(title, priority: priority, minimum: 0, natural: 0, alignRight: alignRight)
            column.whole = true
            return column
        }
    }

    /// How a row stands out (or steps back: `muted` is a row outside the figures shown, such as a trace's event
    /// after the as-of).
    public enum Emphasis: Equatable, Sendable { case normal, warn, breach, muted }

    /// One item: display text per column plus the values sorting uses.
    public struct Row: Equatable, Sendable {
        public var cells: [String]
        public var sortKeys: [SortKey]
        public var emphasis: Emphasis
        /// The correlation id Enter opens as a trace, when the row has one.
        public var correlationID: String?
        /// What the row is about (an entry, a contract, an event): the selection follows it across refreshes.
        public var key: String
        /// The row as `:export` writes it, one value per ``DataTable/exportColumns`` (exact amounts, RFC 3339 times).
        public var export: [ExportValue]
        /// The texts the `/` filter searches (a list the store filters searches the same texts there).
        public var searchText: [String]

        /// `key` defaults to the first cell (the identifier column); `export` to the cells as text; `searchText` to
        /// the cells.
        public init(cells: [String], sortKeys: [SortKey]? = nil, emphasis: Emphasis = .normal, correlationID: String? = nil,
                    key: String? = nil, export: [ExportValue]? = nil, searchText: [String]? = nil) {
            self.cells = cells
            self.searchText = searchText ?? cells
            self.sortKeys = sortKeys ?? cells.map(SortKey.text)
            self.emphasis = emphasis
            self.correlationID = correlationID
            self.key = key ?? cells.first ?? ""
            self.export = export ?? cells.map { .text($0) }
        }
    }

    /// A cell's value for ordering (the stores order a list they sort by the same rule).
    public typealias SortKey = DetailSortKey

    public var title: String
    public var columns: [Column]
    public var rows: [Row]
    /// Shown instead of rows when there are none.
    public var emptyMessage: String
    /// How many rows there are in all when the store returned only the first ones (`500 of 4,631`); nil when
    /// every row was loaded or the total is not known.
    public var total: Int?
    /// How many rows of the whole list the store's filter kept, when the store filtered it (`3 of 3 matching`).
    public var matching: Int?
    /// Column names of the exported table (each row's ``Row/export``); the column titles unless given.
    public var exportColumns: [String]

    public init(title: String, columns: [Column], rows: [Row], emptyMessage: String = "nothing to show",
                exportColumns: [String]? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.emptyMessage = emptyMessage
        self.exportColumns = exportColumns ?? columns.map(\.title)
    }

    /// Every row after `view`'s filter and sort, as exported.
    public func exported(_ view: TableView) -> ExportTable {
        ExportTable(columns: exportColumns, rows: view.visibleRows(of: self).map(\.export))
    }
}

/// What the user has done to a table: selection, sort and filter.
public struct TableView: Equatable, Sendable {
    public var selected = 0
    public var sortColumn: Int?
    public var ascending = true
    /// Text a row must contain, ignoring ASCII case; a leading `!` keeps rows that do not contain the rest
    /// (``DetailFilter``, the same rule the store applies to a list it filters).
    public var filter = ""

    public init() {}

    /// The selection moved onto the row with `key` in `table` (filtered and sorted as shown); `nil` when that row
    /// is no longer there, in which case the selection stays at its position, within the rows.
    public mutating func follow(_ key: String, in table: DataTable) -> Bool {
        let rows = visibleRows(of: table)
        if let index = rows.firstIndex(where: { $0.key == key }) {
            selected = index
            return true
        }
        selected = min(selected, max(0, rows.count - 1))
        return false
    }

    /// The key of the selected row of `table`, if any.
    public func selectedKey(in table: DataTable) -> String? {
        let rows = visibleRows(of: table)
        return rows.indices.contains(selected) ? rows[selected].key : nil
    }

    /// The rows of `table` after filter and sort, in display order.
    public func visibleRows(of table: DataTable) -> [DataTable.Row] {
        let filter = DetailFilter(filter)
        var rows = filter.isEmpty ? table.rows : table.rows.filter { filter.matches($0.searchText) }
        if let column = sortColumn {
            let indexed = rows.enumerated().map { ($0.offset, $0.element) }
            rows = indexed.sorted { left, right in
                let a = left.1.sortKeys[column], b = right.1.sortKeys[column]
                if a == b { return left.0 < right.0 }
                return ascending ? a < b : b < a
            }.map(\.1)
        }
        return rows
    }
}
