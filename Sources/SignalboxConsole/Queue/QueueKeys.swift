import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// Keys on the exception queue and on an exception's detail view.
enum QueueKeys {
    static func handle(_ key: Key, screen: QueueScreen, state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        if case .character(let character) = key, QueueActions.keys.contains(character) {
            return QueueActions.start(character, screen: screen, state: state)
        }
        if screen.detail != nil { return detail(key, screen: screen, state: state) }
        return list(key, screen: screen, state: state)
    }

    private static func list(_ key: Key, screen: QueueScreen, state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        var screen = screen
        let count = screen.grouping == nil ? screen.rows.count : screen.groups.count
        let last = max(0, count - 1)
        let page = ConsoleLayout.tableRows(for: state.size)
        var effects: [ConsoleEffect] = []
        switch key {
        case .escape:
            return ConsoleCommandLine.goBack(in: state)
        case .down, .character("j"): screen.selected = min(screen.selected + 1, last)
        case .up, .character("k"): screen.selected = max(screen.selected - 1, 0)
        case .pageDown, .control("f"): screen.selected = min(screen.selected + page, last)
        case .pageUp, .control("b"): screen.selected = max(screen.selected - page, 0)
        case .home: screen.selected = 0
        case .end, .character("G"): screen.selected = last
        case .character(" "):
            guard let row = screen.selectedRow, screen.grouping == nil else { return (state, []) }
            if screen.marked.remove(row.exceptionID) == nil { screen.marked.insert(row.exceptionID) }
            screen.selected = min(screen.selected + 1, last)
        case .character("o"):
            screen.query.includeClosed.toggle()
            (screen, effects) = QueueUpdate.requery(screen)
            state.message = screen.query.includeClosed ? "showing open and closed exceptions" : "showing open exceptions only"
        case .character("s"):
            let keys = ExceptionSortKey.allCases
            screen.query.sort = keys[((keys.firstIndex(of: screen.query.sort) ?? 0) + 1) % keys.count]
            (screen, effects) = QueueUpdate.requery(screen)
        case .character("S"):
            screen.query.descending.toggle()
            (screen, effects) = QueueUpdate.requery(screen)
        case .character("g"):
            screen.grouping = switch screen.grouping {
            case nil: .kind
            case .kind?: .subject
            case .subject?: nil
            }
            (screen, effects) = QueueUpdate.requery(screen)
        case .character("/"):
            state.input = .filter(screen.filterText)
            return (state, [])
        case .character("t"):
            guard let row = screen.selectedRow, screen.grouping == nil else { return (state, []) }
            return ConsoleCommandLine.openTrace(row.correlationID, in: state)
        case .enter:
            if let group = screen.selectedGroup, let grouping = screen.grouping {
                (screen, effects) = openGroup(group, grouping: grouping, screen: screen)
            } else if let row = screen.selectedRow {
                screen.detail = ExceptionDetailScreen(exceptionID: row.exceptionID)
                effects = [.loadException(id: row.exceptionID)]
            }
        default:
            return (state, [])
        }
        if effects.isEmpty { (screen, effects) = QueueUpdate.pageIfNeeded(screen, visibleRows: page) }
        state.screen = .queue(screen)
        return (state, effects)
    }

    /// Enter on a collapsed group: the rows of that kind or subject.
    private static func openGroup(_ group: ExceptionGroup, grouping: ExceptionGrouping, screen: QueueScreen) -> (QueueScreen, [ConsoleEffect]) {
        var screen = screen
        switch grouping {
        case .kind:
            if let kind = ExceptionKind(rawValue: group.key) { screen.query.kinds = [kind] }
            screen.filterText = "kind:\(group.key)"
        case .subject:
            let parts = group.key.split(separator: "/", maxSplits: 1).map(String.init)
            if parts.count == 2 { screen.query.subject = RecordKey(system: parts[0], key: parts[1]) }
        }
        screen.grouping = nil
        return QueueUpdate.requery(screen)
    }

    private static func detail(_ key: Key, screen: QueueScreen, state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        var screen = screen
        guard var detail = screen.detail else { return (state, []) }
        switch key {
        case .escape, .backspace:
            screen.detail = nil
            state.screen = .queue(screen)
            return (state, QueueUpdate.reloadEffects(screen))
        case .down, .character("j"): detail.scroll += 1
        case .up, .character("k"): detail.scroll = max(0, detail.scroll - 1)
        case .pageDown, .control("f"): detail.scroll += ConsoleLayout.tableRows(for: state.size)
        case .pageUp, .control("b"): detail.scroll = max(0, detail.scroll - ConsoleLayout.tableRows(for: state.size))
        case .home: detail.scroll = 0
        case .character("t"):
            guard let record = detail.record else { return (state, []) }
            return ConsoleCommandLine.openTrace(record.correlationID, in: state)
        default:
            return (state, [])
        }
        screen.detail = detail
        state.screen = .queue(screen)
        return (state, [])
    }

    /// The `/` line on the queue: Enter parses the text into the query (a bad token leaves the query as it was).
    static func filterLine(_ key: Key, text: String, screen: QueueScreen, state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        switch key {
        case .escape:
            state.input = .normal
        case .backspace:
            state.input = text.isEmpty ? .normal : .filter(String(text.dropLast()))
        case .character(let character):
            state.input = .filter(text + String(character))
        case .enter:
            state.input = .normal
            do {
                var screen = screen
                screen.query = try QueueFilter.apply(text, to: screen.query, user: state.settings.userName)
                screen.filterText = text
                let effects: [ConsoleEffect]
                (screen, effects) = QueueUpdate.requery(screen)
                state.screen = .queue(screen)
                return (state, effects)
            } catch {
                state.message = "filter not applied: \(error.description)"
            }
        default:
            break
        }
        return (state, [])
    }
}
