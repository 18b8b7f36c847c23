import SignalboxTerminal

/// A drill-down list or trace: title with sort and filter, column headings, rows with the selection highlighted.
enum TableScreenView {
    static func draw(_ screen: TableScreen, state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let parts = area.splitRows([.fixed(1), .fixed(1), .fill])
        guard let table = screen.table else {
            let text = screen.error.map { "cannot load: \($0) (r retries, Esc goes back)" } ?? "loading…"
            buffer.put(" " + text, x: area.x, y: area.y, style: theme.style(for: screen.error == nil ? .dim : .breach), maxWidth: area.width)
            return
        }
        let rows = screen.view.visibleRows(of: table)
        drawTitle(table, screen: screen, shown: rows.count, typing: state.input != .normal, into: &buffer, row: parts[0], theme: theme)
        let widths = ColumnLayout.widths(of: table.columns, cells: rows.map(\.cells), total: area.width - 1)
        drawCells(table.columns.map(\.title), columns: table.columns, widths: widths, into: &buffer, row: parts[1],
                  style: theme.style(for: .header))
        guard !rows.isEmpty else {
            let searching = screen.queriesStore && TableQuery(screen.view) != screen.loadedQuery
            let text = searching ? "none of the rows loaded match \(screen.view.filter): Enter searches them all"
                : screen.view.filter.isEmpty ? table.emptyMessage : "no rows match the filter \(screen.view.filter)"
            buffer.put(" " + text, x: area.x, y: parts[2].y, style: theme.style(for: .dim), maxWidth: area.width)
            return
        }
        let visible = parts[2].height
        let first = firstVisibleRow(selected: screen.view.selected, visible: visible)
        for (offset, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            let index = first + offset
            let style: Style = index == screen.view.selected ? theme.style(for: .selection) : theme.style(for: role(row.emphasis))
            let line = Rect(x: area.x, y: parts[2].y + offset, width: area.width, height: 1)
            if index == screen.view.selected { buffer.fill(line, style: style) }
            drawCells(row.cells, columns: table.columns, widths: widths, into: &buffer, row: line, style: style)
        }
    }

    /// The first row shown so that the selection stays on screen (it sits on the last line when scrolled down).
    static func firstVisibleRow(selected: Int, visible: Int) -> Int {
        max(0, selected - visible + 1)
    }

    private static func drawTitle(_ table: DataTable, screen: TableScreen, shown: Int, typing: Bool, into buffer: inout Buffer,
                                  row: Rect, theme: Theme) {
        let info = titleInfo(table, screen: screen, shown: shown, typing: typing, room: row.width - 3 - minimumTitleWidth)
        // The counts and filter matter more than the whole title: a narrow screen cuts the title (marked `…`) first.
        let titleWidth = max(minimumTitleWidth, row.width - 3 - TerminalText.width(info))
        let title = TerminalText.truncated(table.title, toWidth: titleWidth)
        let used = buffer.put(" " + title, x: row.x, y: row.y, style: theme.style(for: .accent), maxWidth: row.width)
        buffer.put("  " + info, x: row.x + used, y: row.y, style: theme.style(for: .dim), maxWidth: row.width - used)
    }

    /// The title keeps at least this many columns however long the counts beside it.
    static let minimumTitleWidth = 16

    /// `500 of 4,631` when the store returned the first 500; `3 of 3 matching · 4,631 in all` when the store found
    /// the rows the filter keeps among all of them; `12 match in 500 of 4,631` while the rows loaded are filtered;
    /// then whether the store is being asked, the sort and the filter. When that is wider than `room` columns, the
    /// count of all rows is left out first, then the sort, then the hint that the store is asked (``TitleInfo``).
    private static func titleInfo(_ table: DataTable, screen: TableScreen, shown: Int, typing: Bool, room: Int) -> String {
        let loaded = SignalFigures.count(table.rows.count) + (table.total.map { " of \(SignalFigures.count($0))" } ?? (table.rows.count == 1 ? " row" : " rows"))
        let filtered = !screen.view.filter.isEmpty
        let counts: String
        var total: String?
        if filtered, let matching = table.matching, screen.loadedQuery.filter == screen.view.filter {
            counts = "\(SignalFigures.count(shown)) of \(SignalFigures.count(matching)) matching"
            total = table.total.map { "\(SignalFigures.count($0)) in all" }
        } else {
            counts = filtered ? "\(SignalFigures.count(shown)) match in \(loaded)" : loaded
        }
        var searching: String?
        if screen.queriesStore, TableQuery(screen.view) != screen.loadedQuery {
            searching = typing ? "Enter searches all" : "searching all…"
        }
        let sort = screen.view.sortColumn.map { "sort \(table.columns[$0].title) \(screen.view.ascending ? "asc" : "desc")" }
        let filter = filtered ? "filter \(screen.view.filter)" : nil
        return TitleInfo.fitted([counts, total, searching, sort, filter], leftOutFirst: [1, 3, 2], room: room)
    }

    /// Draws one row's cells at the widths `ColumnLayout` chose, skipping dropped columns.
    static func drawCells(_ cells: [String], columns: [DataTable.Column], widths: [Int?], into buffer: inout Buffer,
                          row: Rect, style: Style) {
        var x = row.x + 1
        for (index, cell) in cells.enumerated() where index < widths.count {
            guard let width = widths[index] else { continue }
            let text = TerminalText.truncated(cell, toWidth: width)
            let pad = columns[index].alignRight ? width - TerminalText.width(text) : 0
            buffer.put(text, x: x + pad, y: row.y, style: style, maxWidth: width)
            x += width + 1
        }
    }

    static func role(_ emphasis: DataTable.Emphasis) -> ThemeRole {
        switch emphasis {
        case .normal: .text
        case .warn: .warn
        case .breach: .breach
        case .muted: .dim
        }
    }
}
