import SignalboxTerminal

/// The `?` overlay: every key and command.
enum HelpView {
    /// Sections of (keys, what they do).
    static let sections: [(title: String, keys: [(String, String)])] = [general[0], general[1], general[2]]

    /// The exception queue's keys; the write actions (last) are greyed when the store is read-only.
    static let queueKeys: [(String, String)] = [
        ("j/k Enter Esc t", "move · open the exception · back · trace"),
        ("Space / o / g", "mark / show closed too / group by kind, subject"),
        ("s / S", "sort by next column / reverse (in the store)"),
        ("/", "filter: text kind: severity: state: assignee:me age>3d"),
    ]
    static let actionKeys: [(String, String)] = [
        ("c / u", "claim / release (marked rows or the selected one)"),
        ("1–9 / m", "resolve as candidate n / as a typed target key"),
        ("a", "resolve every open exception of the same subject"),
        ("d / n", "dismiss with a reason / add a note"),
        ("p / A", "request reprocessing / approve the pending request"),
    ]

    static let actionsTitle = "Actions (each asks y/N first)"

    /// The sections to show on `state`'s screen.
    static func sections(for state: ConsoleState) -> [(title: String, keys: [(String, String)])] {
        guard case .queue = state.screen else { return sections }
        return [("Exception queue", queueKeys), (actionsTitle, actionKeys), general[2]]
    }

    private static let general: [(title: String, keys: [(String, String)])] = [
        ("Dashboard", [
            ("Tab Right l / S-Tab Left h", "next / previous tile"),
            ("Down j / Up k", "tile below / above"),
            ("Enter / e", "details behind the focused tile / exception queue"),
            ("Space", "other page: signals 1-5 / 6-10 (billing, cash)"),
            ("/", "search the exception queue"),
        ]),
        ("Lists and traces", [
            ("Down j / Up k", "move the selection"),
            ("PgDn Space / PgUp", "page down / up"),
            ("g Home / G End", "first / last row"),
            ("s / S", "sort by next column / reverse order"),
            ("/text  /!text", "filter rows containing / not containing text"),
            ("Enter / Tab", "row's trace / next reconciliation control"),
            ("Esc", "clear the filter, then back where you came from"),
        ]),
        ("Anywhere", [
            ("r", "refresh now"),
            (":", "command: " + ConsoleCommandLine.summary),
            ("? F1", "this help (any of ? Esc Enter q closes it)"),
            ("q Ctrl-C", "quit"),
        ]),
    ]

    static func draw(_ state: ConsoleState, into buffer: inout Buffer, area: Rect, theme: Theme, lineSet: LineSet) {
        var lines: [[TextSegment]] = []
        for section in sections(for: state) {
            if !lines.isEmpty { lines.append([]) }
            let greyed = state.settings.readOnly && section.title == actionsTitle
            lines.append([TextSegment(section.title + (greyed ? " — read-only: unavailable" : ""), greyed ? .dim : .accent)])
            for (keys, meaning) in section.keys {
                lines.append([TextSegment("  " + keys.paddedToColumns(20), greyed ? .dim : .text), TextSegment(meaning, .dim)])
            }
        }
        lines.append([])
        if state.settings.readOnly {
            lines.append([TextSegment("[RO] ", .badge), TextSegment("read-only: the store is opened read-only; nothing can be written", .dim)])
        }
        if state.settings.wall {
            lines.append([TextSegment("wall mode: tiles rotate every \(state.settings.rotateInterval); no prompts", .dim)])
        }
        let width = min(area.width - 2, 78)
        lines = lines.flatMap { TextWrap.wrap($0, width: width - 4, hangingIndent: $0.count > 1 ? TerminalText.width($0[0].text) : 2) }
        if lines.count + 2 > area.height { lines.removeAll { $0.isEmpty } }   // the gaps between sections go first
        let height = min(area.height, lines.count + 2)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(box, style: theme.style(for: .background))
        buffer.drawBorder(box, lineSet: lineSet, style: theme.style(for: .accent), title: " Keys ")
        for (offset, line) in lines.prefix(box.height - 2).enumerated() {
            buffer.putSegments(line, x: box.x + 2, y: box.y + 1 + offset, maxWidth: box.width - 4, theme: theme)
        }
    }
}
