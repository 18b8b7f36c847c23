import SignalboxCore
import SignalboxTerminal

/// The tiles, one per golden signal, in a grid of two or three columns.
enum DashboardView {
    static func draw(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme, lineSet: LineSet) {
        guard let signals = state.signals else {
            drawPlaceholder(state, into: &buffer, area: area, theme: theme)
            return
        }
        for (kind, rect) in tileRects(in: area, columns: ConsoleLayout.tileColumns(for: state.size)) {
            TileView.draw(kind, signals: signals, health: state.health[kind] ?? .unknown, focused: kind == state.focus,
                          into: &buffer, rect: rect, theme: theme, lineSet: lineSet)
        }
    }

    /// Where each tile goes: rows of `columns` tiles; a last row with fewer tiles shares the full width.
    static func tileRects(in area: Rect, columns: Int) -> [(TileKind, Rect)] {
        let kinds = TileKind.allCases
        let rowCount = (kinds.count + columns - 1) / columns
        let rows = area.splitRows(Array(repeating: .fill, count: rowCount))
        var result: [(TileKind, Rect)] = []
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
        switch state.refresh {
        case .failed(let message, _):
            buffer.putCentered("cannot read the store: \(message)", in: area, y: middle, style: theme.style(for: .breach))
            buffer.putCentered("retrying every \(state.settings.refreshInterval); r retries now, q quits", in: area, y: middle + 1,
                               style: theme.style(for: .dim))
        default:
            buffer.putCentered("reading signals from \(state.settings.storeName)…", in: area, y: middle, style: theme.style(for: .dim))
        }
    }
}

/// One golden-signal tile: border in the focus colour, title, health badge, values in the health colour.
enum TileView {
    static func draw(_ kind: TileKind, signals: GoldenSignals, health: SignalHealth, focused: Bool,
                     into buffer: inout Buffer, rect: Rect, theme: Theme, lineSet: LineSet) {
        let borderRole: ThemeRole = focused ? .accent : .border
        buffer.drawBorder(rect, lineSet: lineSet, style: theme.style(for: borderRole))
        let title = (focused ? "[" : " ") + kind.title + (focused ? "]" : " ")
        buffer.put(title, x: rect.x + 1, y: rect.y, style: theme.style(for: focused ? .accent : .header), maxWidth: rect.width - 2)
        let badge = " \(label(health)) "
        buffer.putRightAligned(badge, in: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), style: theme.style(for: role(health)))
        let inner = rect.inset(by: 1)
        let lines = TileContent.lines(kind, signals, width: inner.width, value: role(health))
        for (offset, line) in lines.prefix(inner.height).enumerated() {
            let isLastVisible = offset == inner.height - 1 && lines.count > inner.height
            let content = isLastVisible ? [TextSegment("… \(lines.count - offset) more lines (Enter)", .dim)] : line
            buffer.putSegments(content, x: inner.x + 1, y: inner.y + offset, maxWidth: inner.width - 1, theme: theme)
        }
    }

    static func label(_ health: SignalHealth) -> String {
        switch health {
        case .ok: "OK"
        case .warn: "WARN"
        case .breach: "BREACH"
        case .unknown: "n/a"
        }
    }

    static func role(_ health: SignalHealth) -> ThemeRole {
        switch health {
        case .ok: .ok
        case .warn: .warn
        case .breach: .breach
        case .unknown: .unknown
        }
    }
}
