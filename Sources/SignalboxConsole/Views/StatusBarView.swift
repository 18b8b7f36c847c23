import SignalboxCore
import SignalboxTerminal

/// The status bar (store, read-only badge, as-of, data age, user, refresh state, and how many logged events the
/// signals do not reflect yet, if any) and the stale-data banner.
enum StatusBarView {
    static func draw(_ state: ConsoleState, into buffer: inout Buffer, row: Rect, theme: Theme) {
        let bar = theme.style(for: .statusBar)
        buffer.fill(row, style: bar)
        // To the second: a live as-of is the instant of each read, and its fraction (`.916`, `.966800`) changed the
        // bar's width on every read, which shifted the store's name and took its room at 80 columns.
        let asOf = (state.signals.map { SignalFigures.instant($0.asOf) } ?? "—") + (state.settings.asOfIsTheDemos ? " (demo's)" : "")
        let age = state.lastSuccess.map { "age " + shownAge(state.now.since($0)) } ?? "age —"
        let right = " as of \(asOf) │ \(age) │ \(state.settings.userName) │ \(refreshLabel(state)) "
        var rightWidth = buffer.putRightAligned(right, in: row, style: bar)
        let badge = state.settings.readOnly ? "[RO]" : ""
        // Close mode: the countdown to the cutoff, before the store's name (which gives way first), in the warning
        // colour; once the cutoff passed, in the breach colour.
        if let (countdown, passed) = CloseLines.statusBar(state, room: row.width - rightWidth - TerminalText.width(badge) - 4) {
            rightWidth += buffer.putRightAligned(countdown, in: Rect(x: row.x, y: row.y, width: row.width - rightWidth, height: 1),
                                                 style: theme.style(for: passed ? .breach : .warn))
        }
        if state.eventsNotYetInSignals > 0 {
            // Unbilled time is short of these events until the store catches up: say so, in the warning colour,
            // shortened before the store's name and badge are crowded out.
            let count = SignalFigures.count(state.eventsNotYetInSignals)
            let free = row.width - rightWidth - TerminalText.width(badge) - 2
            if let behind = [" unbilled behind \(count) ", " behind \(count) "].first(where: { TerminalText.width($0) <= free }) {
                rightWidth += buffer.putRightAligned(behind, in: Rect(x: row.x, y: row.y, width: row.width - rightWidth, height: 1),
                                                     style: theme.style(for: .warn))
            }
        }
        let room = max(0, row.width - rightWidth - TerminalText.width(badge) - 3)
        var x = row.x + buffer.put(" " + shortened(state.settings.storeName, toWidth: room) + " ", x: row.x, y: row.y, style: bar, maxWidth: room + 2)
        if !badge.isEmpty { x += buffer.put(badge, x: x, y: row.y, style: theme.style(for: .badge), maxWidth: row.maxX - x) }
    }

    /// The banner shown above the body while the store fails: what failed and how old the data is.
    static func drawStaleBanner(_ state: ConsoleState, into buffer: inout Buffer, row: Rect, theme: Theme) {
        guard let error = state.refresh.failure?.error else { return }
        let age = state.lastSuccess.map { HumanDuration.age(state.now.since($0)) } ?? "unknown"
        buffer.fill(row, style: theme.style(for: .stale))
        buffer.put(" STALE DATA (\(age) old): \(error)", x: row.x, y: row.y, style: theme.style(for: .stale), maxWidth: row.width)
    }

    /// The figures' age as the bar shows it: `<10s` while they were read less than ten seconds ago, then whole tens of
    /// seconds (`40s`) under a minute, then as ``HumanDuration/age(_:)`` (`3m`, `2h 05m`). Under a writer the figures
    /// are read every `--recompute` seconds or so, and a count of seconds rewrote the bar at every tick between two
    /// reads: the most frequent thing an idle console sent over SSH, and nothing a wall needs to tell fresh from stale.
    static func shownAge(_ age: SignalDuration) -> String {
        let seconds = age.microseconds / 1_000_000
        switch seconds {
        case ..<10: return "<10s"
        case ..<60: return "\(seconds / 10 * 10)s"
        default: return HumanDuration.age(age)
        }
    }

    /// How long a read runs before the status bar says so. Under a steady writer the console reads every interval,
    /// and most reads end within a frame or two: announcing each one rewrote the bar twice per interval (the label,
    /// and the store's name shifted by its width), most of the bytes an idle console sent over SSH.
    static let refreshShownAfter = SignalDuration.seconds(1)

    static func refreshLabel(_ state: ConsoleState) -> String {
        switch state.refresh {
        case .failed, .retrying: "STALE"
        case .loading(let since) where state.now.since(since) >= refreshShownAfter:
            "refreshing \(HumanDuration.format(state.now.since(since)))"
        case .idle, .loading:
            if state.settings.fixedAsOf != nil { "fixed as-of" }
            else if state.figuresArePublished { "published" }
            else { "live \(state.settings.refreshInterval)" }
        }
    }

    /// Keeps the end of a long path: `…/data/store.sqlite`.
    static func shortened(_ text: String, toWidth width: Int) -> String {
        guard TerminalText.width(text) > width else { return text }
        guard width > 1 else { return "" }
        return "…" + String(text.suffix(width - 1))
    }
}

/// The bottom line: the `:` or `/` prompt, the last message, or key hints.
enum MessageLineView {
    static func draw(_ state: ConsoleState, into buffer: inout Buffer, row: Rect, theme: Theme) {
        let (text, role): (String, ThemeRole) = switch state.input {
        case .command(let typed): (":" + typed + "_", .text)
        case .filter(let typed): ("/" + typed + "_", .text)
        case .normal: state.message.map { ($0, ThemeRole.warn) } ?? (hints(state), .dim)
        }
        let used = buffer.put(text, x: row.x, y: row.y, style: theme.style(for: role), maxWidth: row.width)
        if case .filter = state.input, let hint = filterHint(state),
           TerminalText.width(hint) + 2 <= row.width - used {
            buffer.put("  " + hint, x: row.x + used, y: row.y, style: theme.style(for: .dim), maxWidth: row.width - used)
        }
    }

    /// What the `/` line filters, shown after the typed text while there is room.
    static func filterHint(_ state: ConsoleState) -> String? {
        switch state.screen {
        case .queue: "queue: kind: severity: state: assignee:me age>3d words · Enter · Esc"
        case .table: "rows containing the text (!text: not containing) · Enter · Esc"
        case .dashboard: nil
        }
    }

    static func hints(_ state: ConsoleState) -> String {
        switch state.screen {
        case .dashboard where state.storeIsEmpty: "r refresh  : command  ? help  q quit"
        case .dashboard: "Tab/hjkl move  Enter details  Space page \(3 - state.focus.pageNumber)  r refresh  : command  ? help  q quit"
        case .table(let screen) where screen.source.isReconciliation: "Tab control  j/k scroll  s sort  / filter  Enter trace  Esc back"
        case .table: "j/k scroll  s sort  / filter  Enter trace  Esc back  ? help"
        case .queue(let screen) where screen.detail != nil:
            state.settings.readOnly ? "j/k scroll  t trace  Esc back  ? help"
                : "c claim  u release  1-9/m resolve  a all  d dismiss  n note  p/A reprocess  Esc"
        case .queue:
            state.settings.readOnly ? "Enter open  / filter  s/S sort  o closed  g group  t trace  Esc back  ? help"
                : "Enter open  Spc mark  c claim  u release  d dismiss  n note  p reprocess  ? help"
        }
    }
}
