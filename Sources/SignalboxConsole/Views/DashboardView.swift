import SignalboxCore
import SignalboxTerminal

/// The tiles of the focused signal's page (signals 1–5 or 6–9), one per signal, in a grid of two or three columns.
enum DashboardView {
    static func draw(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme, lineSet: LineSet) {
        guard let signals = state.signals else {
            drawPlaceholder(state, into: &buffer, area: area, theme: theme)
            return
        }
        for (kind, rect) in tileRects(state.focus.page, in: area, columns: ConsoleLayout.tileColumns(for: state.size)) {
            TileView.draw(kind, signals: signals, health: state.health[kind] ?? .unknown, trend: state.trends[kind], focused: kind == state.focus,
                          lag: state.figuresLag(of: kind), leading: kind == .unbilled ? CloseLines.unbilled(state, width: rect.width - 2) : [],
                          thresholds: state.settings.configuration.thresholds,
                          into: &buffer, rect: rect, theme: theme, lineSet: lineSet)
        }
    }

    /// Where each tile goes: rows of `columns` tiles; a last row with fewer tiles shares the full width.
    static func tileRects(_ kinds: [SignalKind], in area: Rect, columns: Int) -> [(SignalKind, Rect)] {
        let rowCount = (kinds.count + columns - 1) / columns
        let rows = area.splitRows(Array(repeating: .fill, count: rowCount))
        var result: [(SignalKind, Rect)] = []
        for (rowIndex, row) in rows.enumerated() {
            let members = Array(kinds.dropFirst(rowIndex * columns).prefix(columns))
            for (kind, rect) in zip(members, row.splitColumns(Array(repeating: .fill, count: members.count))) {
                result.append((kind, rect))
            }
        }
        return result
    }

    static func drawPlaceholder(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let middle = area.y + area.height / 2
        if let error = state.refresh.failure?.error {
            buffer.putCentered("cannot read the store: \(error)", in: area, y: middle, style: theme.style(for: .breach))
            buffer.putCentered("retrying every \(state.settings.refreshInterval); r retries now, q quits", in: area, y: middle + 1,
                               style: theme.style(for: .dim))
        } else {
            buffer.putCentered("reading signals from \(state.settings.storeName)…", in: area, y: middle, style: theme.style(for: .dim))
        }
    }
}

/// One golden-signal tile: border in the focus colour, title, health badge, values in the health colour,
/// and a sparkline of the signal's recent history on the bottom line with its period and range.
enum TileView {
    /// `lag`: how much older this tile's figures are than the newest read (said in the title while it fits);
    /// `leading`: lines shown before the tile's own (close mode's unbilled split).
    static func draw(_ kind: SignalKind, signals: GoldenSignals, health: SignalHealth, trend: TrendSeries?, focused: Bool,
                     lag: SignalDuration? = nil, leading: [[TextSegment]] = [], thresholds: Thresholds, into buffer: inout Buffer, rect: Rect, theme: Theme,
                     lineSet: LineSet) {
        let borderRole: ThemeRole = focused ? .accent : .border
        buffer.drawBorder(rect, lineSet: lineSet, style: theme.style(for: borderRole))
        let title = (focused ? "[" : " ") + kind.title + (focused ? "]" : " ")
        buffer.put(title, x: rect.x + 1, y: rect.y, style: theme.style(for: focused ? .accent : .header), maxWidth: rect.width - 2)
        let badge = buffer.putRightAligned(" \(label(health)) ", in: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1),
                                           style: theme.style(for: health.themeRole))
        drawLag(lag, into: &buffer, row: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2 - badge, height: 1),
                titleWidth: TerminalText.width(title), theme: theme)
        var inner = rect.inset(by: 1)
        if let trend, inner.height >= 3 {
            drawTrend(trend, into: &buffer, row: Rect(x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, height: 1),
                      theme: theme, ascii: lineSet != .unicode)
            inner.height -= 1
        }
        let lines = leading + TileContent.lines(kind, signals, width: inner.width, rows: inner.height - leading.count, value: health.themeRole,
                                                thresholds: thresholds)
        for (offset, line) in lines.prefix(inner.height).enumerated() {
            let isLastVisible = offset == inner.height - 1 && lines.count > inner.height
            let content = isLastVisible ? [TextSegment("… \(lines.count - offset) more lines (Enter)", .dim)] : line
            buffer.putSegments(content, x: inner.x + 1, y: inner.y + offset, maxWidth: inner.width - 1, theme: theme)
        }
    }

    /// How much older a tile's figures are than the rest (`45s older`), right-aligned in `row` (the title line left of
    /// the health badge) while `titleWidth` cells stay free for the title; nothing when they are as fresh.
    static func drawLag(_ lag: SignalDuration?, into buffer: inout Buffer, row: Rect, titleWidth: Int, theme: Theme) {
        guard let lag else { return }
        let older = " \(HumanDuration.age(lag)) older "
        guard titleWidth + TerminalText.width(older) <= row.width else { return }
        buffer.putRightAligned(older, in: row, style: theme.style(for: .dim))
    }

    /// `▁▃▅█  48h hourly 0–42%`: the bars take what the label leaves.
    private static func drawTrend(_ trend: TrendSeries, into buffer: inout Buffer, row: Rect, theme: Theme, ascii: Bool) {
        let label = trendLabel(trend, room: row.width / 2, ascii: ascii)
        let labelWidth = TerminalText.width(label)
        let bars = Rect(x: row.x, y: row.y, width: min(trend.values.count, row.width - labelWidth), height: 1)
        Sparkline.render(trend.values, into: &buffer, at: bars, style: theme.style(for: .accent), ascii: ascii)
        buffer.put(label, x: bars.maxX, y: row.y, style: theme.style(for: .dim), maxWidth: row.maxX - bars.maxX)
    }

    /// The longest of ` 48h hourly 0–42%`, ` 48h 0–42%`, ` 0–42%` that fits in `room` columns (the range is never
    /// cut: a cut figure reads as another number), else nothing.
    static func trendLabel(_ trend: TrendSeries, room: Int, ascii: Bool) -> String {
        let range = Sparkline.scaleLabel(trend.values, ascii: ascii, format: trend.unit.format)
        let period = trend.periodLabel
        let span = String(period.split(separator: " ").first ?? "")
        return [" \(period) \(range)", " \(span) \(range)", " \(range)"].first { TerminalText.width($0) <= room } ?? ""
    }

    static func label(_ health: SignalHealth) -> String {
        switch health {
        case .ok: "OK"
        case .warn: "WARN"
        case .breach: "BREACH"
        case .unknown: "n/a"
        }
    }
}
