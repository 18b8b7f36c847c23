import SignalboxCore
import SignalboxStore

/// The exception queue: the query the user built, the rows loaded so far (keyset pages), marks and grouping.
public struct QueueScreen: Equatable, Sendable {
    /// Rows per page; more pages load as the selection nears the end of what is loaded.
    public static let pageSize = 100

    /// Filter, sort and open/closed, as sent to the store (without the page cursor).
    public var query: ExceptionQuery
    /// The `/` text that produced `query`'s filters.
    public var filterText = ""
    /// Rows loaded so far, in the store's order (``load(_:append:asOf:)``).
    public private(set) var rows: [ExceptionRow] = []
    /// Each queue column's widest cell among `rows` as drawn at `asOf`, measured page by page as they load, so that
    /// a frame draws the visible rows only, whatever number is loaded.
    public private(set) var contentWidths: [Int] = []
    /// The last page was full: there may be more rows after `rows.last`.
    public var hasMore = false
    public var loading = true
    /// Why the last read failed (shown until the next succeeds).
    public var error: StoreError?
    /// The instant the last page was read as of: ages are measured from it.
    public var asOf: Timestamp?
    public var selected = 0
    /// Exceptions marked with space for a bulk action.
    public var marked: Set<String> = []
    /// Grouped display (collapsed groups with counts), or nil for rows.
    public var grouping: ExceptionGrouping?
    /// The groups of `grouping`, as counted by the store (``load(_:as:)``).
    public private(set) var groups: [ExceptionGroup] = []
    /// A new query's groups are on their way: until they arrive an empty list is not "nothing matches" (its rows
    /// may arrive first).
    public var loadingGroups = false
    /// Each group column's widest cell among `groups`, measured when they load.
    public private(set) var groupContentWidths: [Int] = []
    /// The open exception, when the detail view shows.
    public var detail: ExceptionDetailScreen?

    public init(query: ExceptionQuery = ExceptionQuery()) {
        var query = query
        query.limit = QueueScreen.pageSize
        query.after = nil
        self.query = query
    }

    /// Takes a page read as of `asOf`: after the rows loaded (`append`), or instead of them.
    public mutating func load(_ page: [ExceptionRow], append: Bool, asOf: Timestamp) {
        let measured = ColumnLayout.contentWidths(of: QueueTable.columns, cells: page.map { QueueTable.row($0, now: asOf).cells })
        // Ages are drawn from the newest read's instant: a full reload measures every row again.
        rows = append ? rows + page : page
        contentWidths = append ? ColumnLayout.widest(contentWidths, measured) : measured
        self.asOf = asOf
    }

    /// Takes the groups the store counted for `grouping`.
    public mutating func load(_ counted: [ExceptionGroup], as grouping: ExceptionGrouping) {
        groups = counted
        loadingGroups = false
        groupContentWidths = ColumnLayout.contentWidths(of: QueueTable.groupColumns,
                                                        cells: counted.map { QueueTable.groupRow($0, grouping: grouping).cells })
    }

    /// No rows and no groups (a new query's first page is on its way).
    public mutating func clearRows() {
        rows = []
        contentWidths = []
        groups = []
        groupContentWidths = []
    }

    /// What the screen lists is on its way: the groups when grouped, else the rows.
    public var awaitsItsList: Bool { grouping == nil ? loading : loadingGroups }

    public var selectedRow: ExceptionRow? { rows.indices.contains(selected) ? rows[selected] : nil }
    public var selectedGroup: ExceptionGroup? { groups.indices.contains(selected) ? groups[selected] : nil }

    /// How many rows a reload reads again: a page past the selection and past the last marked row, at least a page,
    /// at most what is loaded. Rows loaded beyond that (scrolled past, then left) are read again as the selection
    /// nears them, so a change costs what the user can reach, not every row ever loaded; a marked row stays loaded,
    /// so an action still applies to every row marked.
    public var rowsInReach: Int {
        let lastMarked = marked.isEmpty ? -1 : rows.lastIndex { marked.contains($0.exceptionID) } ?? -1
        return max(QueueScreen.pageSize, min(rows.count, max(selected, lastMarked) + 1 + QueueScreen.pageSize))
    }

    /// The rows an action applies to: the marked ones, else the selected one.
    public var actionRows: [ExceptionRow] {
        let marked = rows.filter { self.marked.contains($0.exceptionID) }
        return marked.isEmpty ? selectedRow.map { [$0] } ?? [] : marked
    }
}

/// One exception opened from the queue: its full record and the remembered mapping for its subject.
public struct ExceptionDetailScreen: Equatable, Sendable {
    public var exceptionID: String
    /// `nil` while loading.
    public var record: ExceptionRecord?
    public var suggestion: RememberedMapping?
    /// The store's reprocess policy, read with the record (nil when not read): the rules judge self-approval by it.
    public var policy: ReprocessPolicy?
    /// Why the last read failed (shown until the next succeeds).
    public var error: StoreError?
    /// The runbook of the exception's kind, or why its file could not be read; nil until read.
    public var runbook: Result<Runbook, RunbookError>?
    /// First line shown (the detail scrolls).
    public var scroll = 0

    public init(exceptionID: String) { self.exceptionID = exceptionID }
}
