import SignalboxCore
import SignalboxTerminal

/// `--wall`: the focused tile enlarged with its headline in big numerals, a summary line per tile below.
/// The focus rotates on its own (see `ConsoleUpdate.tick`).
enum WallView {
    static func draw(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme, lineSet: LineSet) {
        guard let signals = state.signals else {
            DashboardView.drawPlaceholder(state, into: &buffer, area: area, theme: theme)
            return
        }
        let summaryHeight = SignalKind.firstPage.count + 2
        var area = area
        if let figure = CloseLines.wallFigure(state) {   // close mode: the countdown, large, above the tile
            let parts = area.splitRows([.fixed(BigText.height + 3), .fill])
            drawCountdown(figure, into: &buffer, area: parts[0], theme: theme, lineSet: lineSet)
            area = parts[1]
        }
        let parts = area.splitRows([.fill, .fixed(summaryHeight)])
        let kind = state.focus
        let health = state.health[kind] ?? .unknown
        let valueRole = health.themeRole
        let big = parts[0]
        buffer.drawBorder(big, lineSet: lineSet, style: theme.style(for: .accent))
        buffer.put(" \(kind.title) ", x: big.x + 2, y: big.y, style: theme.style(for: .accent), maxWidth: big.width - 4)
        let badge = buffer.putRightAligned(" \(TileView.label(health)) ", in: Rect(x: big.x + 1, y: big.y, width: big.width - 3, height: 1),
                                           style: theme.style(for: valueRole))
        TileView.drawLag(state.figuresLag(of: kind), into: &buffer, row: Rect(x: big.x + 1, y: big.y, width: big.width - 3 - badge, height: 1),
                         titleWidth: TerminalText.width(kind.title) + 4, theme: theme)
        let inner = big.inset(by: 1)
        let headline = TileContent.headline(kind, signals)
        let fill = lineSet == .unicode ? "█" : "#"
        let lines = (kind == .unbilled ? CloseLines.unbilled(state, width: inner.width) : [])
            + TileContent.lines(kind, signals, width: inner.width, value: valueRole, thresholds: state.settings.configuration.thresholds)
        // The figure grows with the tile; the label, one gap and the tile's lines stay below it.
        let scale = BigText.scale(for: headline.value, width: inner.width, height: inner.height - 3 - lines.count)
            ?? (inner.height >= 3 + BigText.height ? BigText.scale(for: headline.value, width: inner.width, height: BigText.height) : nil)
        var y = inner.y + max(0, (inner.height - 3 - lines.count - BigText.height * (scale ?? 0)) / 2)
        buffer.putCentered(headline.label, in: inner, y: y, style: theme.style(for: .dim))
        y += 1
        if let scale {
            for row in BigText.rows(headline.value, fill: fill, scale: scale) {
                buffer.putCentered(row, in: inner, y: y, style: theme.style(for: valueRole))
                y += 1
            }
        } else {
            buffer.putCentered(headline.value, in: inner, y: y, style: theme.style(for: valueRole))
            y += 1
        }
        y += 1
        for line in lines where y < inner.maxY {
            let width = line.reduce(0) { $0 + TerminalText.width($1.text) }
            buffer.putSegments(line, x: inner.x + max(1, (inner.width - width) / 2), y: y, maxWidth: inner.width - 1, theme: theme)
            y += 1
        }
        drawSummary(state, signals: signals, into: &buffer, area: parts[1], theme: theme, lineSet: lineSet)
    }

    /// The time left to the cutoff in big numerals under its label; the breach colour once it passed.
    private static func drawCountdown(_ figure: (label: String, value: String, passed: Bool), into buffer: inout Buffer, area: Rect,
                                      theme: Theme, lineSet: LineSet) {
        let role: ThemeRole = figure.passed ? .breach : .warn
        buffer.drawBorder(area, lineSet: lineSet, style: theme.style(for: role))
        let inner = area.inset(by: 1)
        buffer.putCentered(figure.label, in: inner, y: inner.y, style: theme.style(for: .dim))
        let fill = lineSet == .unicode ? "█" : "#"
        guard BigText.width(figure.value) <= inner.width else {
            buffer.putCentered(figure.value, in: inner, y: inner.y + 1, style: theme.style(for: role))
            return
        }
        for (offset, row) in BigText.rows(figure.value, fill: fill).enumerated() {
            buffer.putCentered(row, in: inner, y: inner.y + 1 + offset, style: theme.style(for: role))
        }
    }

    private static func drawSummary(_ state: ConsoleState, signals: GoldenSignals, into buffer: inout Buffer, area: Rect,
                                    theme: Theme, lineSet: LineSet) {
        // The page of the signal shown: the rotation goes through both.
        let page = state.focus.page
        let title = state.focus.pageNumber == 1 ? " Signals 1-5 " : " Signals 6-10 "
        buffer.drawBorder(area, lineSet: lineSet, style: theme.style(for: .border), title: title)
        for (offset, kind) in page.enumerated() where offset < area.height - 2 {
            let health = state.health[kind] ?? .unknown
            let headline = TileContent.headline(kind, signals)
            let marker = kind == state.focus ? ">" : " "
            buffer.putSegments([
                TextSegment("\(marker) \(TileView.label(health).paddedToColumns(7)) ", health.themeRole),
                TextSegment(headline.label.paddedToColumns(22), .dim),
                TextSegment(headline.value, health.themeRole),
            ], x: area.x + 1, y: area.y + 1 + offset, maxWidth: area.width - 2, theme: theme)
        }
    }
}
