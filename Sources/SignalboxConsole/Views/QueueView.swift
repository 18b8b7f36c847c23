import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// The exception queue: title with sort, filter and marks; column headings; rows (marked rows flagged `*`) or groups.
enum QueueView {
    static func draw(_ screen: QueueScreen, state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme, lineSet: LineSet) {
        if let detail = screen.detail {
            ExceptionDetailView.draw(detail, now: screen.asOf ?? state.queueNow, into: &buffer, area: area, theme: theme)
            return
        }
        let parts = area.splitRows([.fixed(1), .fixed(1), .fill])
        drawTitle(screen, openInAll: state.signals?.exceptions.open, into: &buffer, row: parts[0], theme: theme)
        let columns = screen.grouping == nil ? QueueTable.columns : QueueTable.groupColumns
        let visible = parts[2].height
        let first = TableScreenView.firstVisibleRow(selected: screen.selected, visible: visible)
        // Only the visible rows are built: a key costs the same with 100 rows loaded or 100,000.
        let rows: [DataTable.Row]
        let widths: [Int?]
        if let grouping = screen.grouping {
            rows = screen.groups.dropFirst(first).prefix(visible).map { QueueTable.groupRow($0, grouping: grouping) }
            widths = ColumnLayout.widths(of: columns, contentWidths: screen.groupContentWidths, total: area.width - 1)
        } else {
            rows = screen.rows.dropFirst(first).prefix(visible).map { QueueTable.row($0, now: screen.asOf ?? state.queueNow) }
            widths = ColumnLayout.widths(of: columns, contentWidths: screen.contentWidths, total: area.width - 1)
        }
        TableScreenView.drawCells(columns.map(\.title), columns: columns, widths: widths, into: &buffer, row: parts[1],
                                  style: theme.style(for: .header))
        guard !rows.isEmpty else {
            let text = screen.error.map { "cannot load: \($0) (r retries)" }
                ?? (screen.awaitsItsList ? "loading…" : "no exceptions match" + (screen.query.includeClosed ? "" : " (o shows closed ones too)"))
            buffer.put(" " + text, x: area.x, y: parts[2].y, style: theme.style(for: screen.error == nil ? .dim : .breach), maxWidth: area.width)
            return
        }
        for (offset, row) in rows.enumerated() {
            let index = first + offset
            let selected = index == screen.selected
            let style = selected ? theme.style(for: .selection) : theme.style(for: TableScreenView.role(row.emphasis))
            let line = Rect(x: area.x, y: parts[2].y + offset, width: area.width, height: 1)
            if selected { buffer.fill(line, style: style) }
            if screen.grouping == nil, screen.marked.contains(screen.rows[index].exceptionID) {
                buffer.put("*", x: line.x, y: line.y, style: selected ? style : theme.style(for: .accent), maxWidth: 1)
            }
            TableScreenView.drawCells(row.cells, columns: columns, widths: widths, into: &buffer, row: line, style: style)
        }
    }

    /// `openInAll` is the open exceptions the signals counted: the unfiltered open queue says `100 of 4,631`.
    private static func drawTitle(_ screen: QueueScreen, openInAll: Int?, into buffer: inout Buffer, row: Rect, theme: Theme) {
        let title = screen.query.includeClosed ? "All exceptions" : "Open exceptions"
        let counts: String
        var sort: String?
        var atRiskFirst: String?
        if let grouping = screen.grouping {
            counts = "\(SignalFigures.count(screen.groups.count)) groups by \(grouping.rawValue)"
        } else {
            var plain = screen.query   // any order of the open exceptions, no filter
            plain.sort = .age
            plain.descending = false
            plain.atRiskFirstBefore = nil
            let unfiltered = plain == QueueScreen().query
            if let openInAll, unfiltered, screen.hasMore, openInAll > screen.rows.count {
                counts = "\(SignalFigures.count(screen.rows.count)) of \(SignalFigures.count(openInAll))"
            } else {
                counts = "\(SignalFigures.count(screen.rows.count))\(screen.hasMore ? "+" : "") loaded"
            }
            sort = sortLabel(screen.query)
            if screen.query.atRiskFirstBefore != nil { atRiskFirst = "at risk before cutoff first" }
        }
        let filter = screen.filterText.isEmpty ? nil : "filter \(screen.filterText)"
        let subject = screen.query.subject.map { "subject \($0)" }
        let marked = screen.marked.isEmpty ? nil : "\(screen.marked.count) marked"
        let loading = screen.loading && !screen.rows.isEmpty ? "loading…" : nil
        let used = buffer.put(" " + title, x: row.x, y: row.y, style: theme.style(for: .accent), maxWidth: row.width)
        // The order and the cutoff are the first left out on a narrow screen: the filter, subject and marks stay.
        let info = TitleInfo.fitted([counts, sort, atRiskFirst, filter, subject, marked, loading], leftOutFirst: [2, 1],
                                    room: row.width - used - 2)
        buffer.put("  " + info, x: row.x + used, y: row.y, style: theme.style(for: .dim), maxWidth: row.width - used)
    }

    /// The order as the list shows it. The age key sorts by the raise, so the queue's default (the raise ascending)
    /// lists the AGE column from its largest value down: it is named by which end comes first, not `asc`.
    static func sortLabel(_ query: ExceptionQuery) -> String {
        if query.sort == .age { return query.descending ? "newest first" : "oldest first" }
        return "sort \(QueueTable.columnTitle(query.sort).lowercased()) \(query.descending ? "desc" : "asc")"
    }
}
