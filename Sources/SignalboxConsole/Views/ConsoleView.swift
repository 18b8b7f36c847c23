import SignalboxCore
import SignalboxTerminal

/// Draws the whole screen: a pure function of the state, the size and the look.
///
/// ```swift
/// let buffer = ConsoleView.render(state, size: Size(width: 80, height: 24), theme: .builtInDefault, lineSet: .unicode)
/// buffer.lines()   // the screen as text
/// ```
public enum ConsoleView {
    public static func render(_ state: ConsoleState, size: Size, theme: Theme, lineSet: LineSet) -> Buffer {
        var buffer = Buffer(size: size, style: theme.style(for: .background))
        guard size.contains(ConsoleLayout.minimumSize) else {
            TooSmallView.draw(into: &buffer, theme: theme)
            return buffer
        }
        let rows = buffer.area.splitRows([.fixed(1), .fill, .fixed(1), .fixed(state.settings.wall ? 0 : 1)])
        HeaderView.draw(state, into: &buffer, row: rows[0], theme: theme)
        var body = rows[1]
        if state.isStale, state.signals != nil {
            let parts = body.splitRows([.fixed(1), .fill])
            StatusBarView.drawStaleBanner(state, into: &buffer, row: parts[0], theme: theme)
            body = parts[1]
        }
        switch state.screen {
        case .dashboard where state.storeIsEmpty:
            FirstRunView.draw(state, into: &buffer, area: body, theme: theme)
        case .dashboard where state.settings.wall:
            WallView.draw(state, into: &buffer, area: body, theme: theme, lineSet: lineSet)
        case .dashboard:
            DashboardView.draw(state, into: &buffer, area: body, theme: theme, lineSet: lineSet)
        case .table(let screen):
            TableScreenView.draw(screen, state: state, into: &buffer, area: body, theme: theme)
        case .queue(let screen):
            QueueView.draw(screen, state: state, into: &buffer, area: body, theme: theme, lineSet: lineSet)
        }
        if let dialog = state.dialog { QueueDialogView.draw(dialog, into: &buffer, area: body, theme: theme, lineSet: lineSet) }
        StatusBarView.draw(state, into: &buffer, row: rows[2], theme: theme)
        if !state.settings.wall { MessageLineView.draw(state, into: &buffer, row: rows[3], theme: theme) }
        if state.showHelp { HelpView.draw(state, into: &buffer, area: body, theme: theme, lineSet: lineSet) }
        return buffer
    }
}

/// The "terminal too small" screen.
enum TooSmallView {
    static func draw(into buffer: inout Buffer, theme: Theme) {
        let size = buffer.size
        let need = ConsoleLayout.minimumSize
        let middle = max(0, size.height / 2 - 1)
        buffer.putCentered("terminal too small:", in: buffer.area, y: middle - 1, style: theme.style(for: .warn))
        buffer.putCentered("need \(need.width)×\(need.height), have \(size.width)×\(size.height)", in: buffer.area, y: middle,
                           style: theme.style(for: .warn))
        buffer.putCentered("enlarge the window or press q", in: buffer.area, y: middle + 1, style: theme.style(for: .dim))
    }
}

/// The top line: product, view title and window.
enum HeaderView {
    static func draw(_ state: ConsoleState, into buffer: inout Buffer, row: Rect, theme: Theme) {
        buffer.fill(row, style: theme.style(for: .header))
        let title: String
        switch state.screen {
        case .dashboard where state.settings.wall: title = "Golden signals · wall"
        case .dashboard where state.storeIsEmpty: title = "Golden signals"
        case .dashboard: title = "Golden signals \(state.focus.pageNumber)/2"
        case .table(let screen):
            switch screen.source {
            case .drillDown(let kind): title = kind.title
            case .reconciliation(let control): title = "Reconciliation · \(control.title)"
            case .trace(let id): title = "Trace \(id)"
            }
        case .queue(let screen): title = screen.detail.map { "Exception \($0.exceptionID)" } ?? "Exception queue"
        }
        buffer.put(" Signalbox · \(title) · window \(state.settings.window)", x: row.x, y: row.y,
                   style: theme.style(for: .header), maxWidth: row.width)
        if !state.settings.wall {
            buffer.putRightAligned("? help  q quit ", in: row, style: theme.style(for: .header))
        }
    }
}
