import SignalboxTerminal

/// What a console on a store without events shows instead of a dashboard of `n/a`: what to do next. The
/// dashboard replaces it as soon as the first event arrives.
enum FirstRunView {
    /// The screen's lines: (text, role), blank lines as empty text.
    static func lines(storeName: String) -> [(String, ThemeRole)] {
        [
            ("No events in \(storeName) yet: nothing to measure.", .accent),
            ("", .text),
            ("What to do next:", .text),
            ("  signalbox demo               a demo store with live simulated data", .text),
            ("  signalbox ingest FILE.jsonl  load canonical events into this store", .text),
            ("                               (same --store or $SIGNALBOX_STORE)", .dim),
            ("  signalbox help ingest        the event format, rejected lines, exit codes", .text),
            ("", .text),
            ("The dashboard appears here as soon as the first event arrives.", .dim),
        ]
    }

    static func draw(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme) {
        let lines = lines(storeName: StatusBarView.shortened(state.settings.storeName, toWidth: max(1, area.width - 40)))
        let width = min(area.width - 2, lines.map { TerminalText.width($0.0) }.max() ?? 0)
        let x = area.x + max(1, (area.width - width) / 2)
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (index, (text, role)) in lines.enumerated() where top + index < area.maxY {
            buffer.put(text, x: x, y: top + index, style: theme.style(for: role), maxWidth: area.maxX - x)
        }
    }
}
