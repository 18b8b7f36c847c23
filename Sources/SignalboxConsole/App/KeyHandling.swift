import SignalboxCore
import SignalboxTerminal

/// What each key does, by input mode and screen (see `HelpView` for the list users see).
enum KeyHandling {
    static func handle(_ key: Key, in state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        if key == .terminate || key == .control("c") {
            state.quitRequested = true
            return (state, [])
        }
        if let dialog = state.dialog { return QueueActions.dialogKey(key, dialog: dialog, state: state) }
        switch state.input {
        case .command(let text): return commandLine(key, text: text, state)
        case .filter(let text): return filterLine(key, text: text, state)
        case .normal: break
        }
        if state.showHelp {
            if [.escape, .enter, .character("?"), .character("q")].contains(key) { state.showHelp = false }
            return (state, [])
        }
        state.message = nil
        switch key {
        case .character("q"):
            state.quitRequested = true
            return (state, [])
        case .character("?"), .function(1):
            state.showHelp = true
            return (state, [])
        case .character("r"):
            return ConsoleUpdate.reload(state)
        case .character(":") where !state.settings.wall:
            state.input = .command("")
            return (state, [])
        default:
            break
        }
        switch state.screen {
        case .dashboard: return dashboard(key, state)
        case .table(let screen): return TableKeys.handle(key, screen: screen, state: state)
        case .queue(let screen): return QueueKeys.handle(key, screen: screen, state: state)
        }
    }

    private static func dashboard(_ key: Key, _ state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        // The first-run screen has no tiles: only the keys its status line names act (r, :, ?, q, above).
        guard !state.storeIsEmpty else { return (state, []) }
        var state = state
        // Moves stay on the focused signal's page; Space turns to the other page.
        let page = state.focus.page
        let count = page.count
        let columns = ConsoleLayout.tileColumns(for: state.size)
        let index = page.firstIndex(of: state.focus) ?? 0
        let target: Int
        switch key {
        case .character(" "):
            state.focus = state.focus.otherPage
            state.lastRotation = state.now
            return (state, [])
        case .tab, .right, .character("l"): target = (index + 1) % count
        case .backTab, .left, .character("h"): target = (index + count - 1) % count
        case .down, .character("j"): target = min(index + columns, count - 1)
        case .up, .character("k"): target = max(index - columns, 0)
        case .character("e") where !state.settings.wall:
            return QueueUpdate.open(state)
        case .enter where !state.settings.wall && state.focus == .exceptions:
            return QueueUpdate.open(state)
        case .enter where !state.settings.wall:
            let source = state.focus == .reconciliation ? .reconciliation(ReconciliationControl.first(withFindingsIn: state.signals))
                : TableScreen.Source.drillDown(state.focus)
            state.screen = .table(TableScreen(source: source))
            state.back = []
            return (state, [.loadTable(source)])
        case .character("/") where !state.settings.wall:
            // The dashboard has no rows of its own: `/` searches the exception queue.
            var (queue, effects) = QueueUpdate.open(state)
            queue.input = .filter("")
            return (queue, effects)
        default: return (state, [])
        }
        state.focus = page[target]
        state.lastRotation = state.now
        return (state, [])
    }

    private static func commandLine(_ key: Key, text: String, _ state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        switch key {
        case .escape:
            state.input = .normal
        case .backspace:
            state.input = text.isEmpty ? .normal : .command(String(text.dropLast()))
        case .enter:
            state.input = .normal
            return ConsoleCommandLine.run(text, in: state)
        case .character(let character):
            state.input = .command(text + String(character))
        default:
            break
        }
        return (state, [])
    }

    private static func filterLine(_ key: Key, text: String, _ state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        if case .queue(let queue) = state.screen { return QueueKeys.filterLine(key, text: text, screen: queue, state: state) }
        guard case .table(var screen) = state.screen else {
            state.input = .normal
            return (state, [])
        }
        switch key {
        case .escape:
            state.input = .normal
            screen.view.filter = ""
        case .enter:
            state.input = .normal
        case .backspace:
            if text.isEmpty { state.input = .normal } else {
                state.input = .filter(String(text.dropLast()))
                screen.view.filter = String(text.dropLast())
            }
        case .character(let character):
            state.input = .filter(text + String(character))
            screen.view.filter = text + String(character)
        default:
            break
        }
        screen.view.selected = 0
        // While the user types, the rows loaded are filtered; Enter (or leaving the line) asks the store.
        let effects = state.input == .normal ? screen.requery() : []
        state.screen = .table(screen)
        return (state, effects)
    }
}
