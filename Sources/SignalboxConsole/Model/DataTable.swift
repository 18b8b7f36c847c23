/// Rows and columns for a scrollable, sortable, filterable list (drill-downs and traces).
public struct DataTable: Equatable, Sendable {
    /// A column heading and how its cells line up.
    public struct Column: Equatable, Sendable {
        public var title: String
        /// Preferred width in cells; the last column takes what is left.
        public var width: Int
        public var alignRight: Bool

        public init(_ title: String, width: Int, alignRight: Bool = false) {
            self.title = title
            self.width = width
            self.alignRight = alignRight
        }
    }

    /// How a row stands out.
    public enum Emphasis: Equatable, Sendable { case normal, warn, breach }

    /// One item: display text per column plus the values sorting uses.
    public struct Row: Equatable, Sendable {
        public var cells: [String]
        public var sortKeys: [SortKey]
        public var emphasis: Emphasis
        /// The correlation id Enter opens as a trace, when the row has one.
        public var correlationID: String?

        public init(cells: [String], sortKeys: [SortKey]? = nil, emphasis: Emphasis = .normal, correlationID: String? = nil) {
            self.cells = cells
            self.sortKeys = sortKeys ?? cells.map(SortKey.text)
            self.emphasis = emphasis
            self.correlationID = correlationID
        }
    }

    /// A cell's value for ordering: numbers compare as numbers, text case-insensitively.
    public enum SortKey: Comparable, Sendable {
        case number(Int64)
        case text(String)
        /// An amount: by currency, then amount (amounts in different currencies are never compared by number).
        case money(currency: String, units: Int64)

        public static func < (lhs: SortKey, rhs: SortKey) -> Bool {
            switch (lhs, rhs) {
            case (.number(let a), .number(let b)): a < b
            case (.text(let a), .text(let b)): a.lowercased() < b.lowercased()
            case (.money(let currencyA, let a), .money(let currencyB, let b)): (currencyA, a) < (currencyB, b)
            default: lhs.rank < rhs.rank
            }
        }

        private var rank: Int {
            switch self {
            case .number: 0
            case .money: 1
            case .text: 2
            }
        }
    }

    public var title: String
    public var columns: [Column]
    public var rows: [Row]
    /// Shown instead of rows when there are none.
    public var emptyMessage: String

    public init(title: String, columns: [Column], rows: [Row], emptyMessage: String = "nothing to show") {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.emptyMessage = emptyMessage
    }
}

/// What the user has done to a table: selection, sort and filter.
public struct TableView: Equatable, Sendable {
    public var selected = 0
    public var sortColumn: Int?
    public var ascending = true
    /// Case-insensitive text a row must contain; a leading `!` keeps rows that do not contain the rest.
    public var filter = ""

    public init() {}

    /// The rows of `table` after filter and sort, in display order.
    public func visibleRows(of table: DataTable) -> [DataTable.Row] {
        let inverse = filter.hasPrefix("!")
        let needle = (inverse ? String(filter.dropFirst()) : filter).lowercased()
        var rows = needle.isEmpty ? table.rows : table.rows.filter { row in
            row.cells.contains { $0.lowercased().contains(needle) } != inverse
        }
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
