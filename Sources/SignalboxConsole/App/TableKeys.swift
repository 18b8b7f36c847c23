import SignalboxCore
import SignalboxTerminal

/// Keys on a drill-down list or trace: scrolling, sorting, filtering, opening a trace, going back.
enum TableKeys {
    static func handle(_ key: Key, screen: TableScreen, state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        var screen = screen
        let rows = screen.table.map { screen.view.visibleRows(of: $0) } ?? []
        let last = max(0, rows.count - 1)
        let page = ConsoleLayout.tableRows(for: state.size)
        switch key {
        case .escape:
            if !screen.view.filter.isEmpty {
                screen.view.filter = ""
            } else {
                return ConsoleCommandLine.goBack(in: state)
            }
        case .down, .character("j"): screen.view.selected = min(screen.view.selected + 1, last)
        case .up, .character("k"): screen.view.selected = max(screen.view.selected - 1, 0)
        case .pageDown, .control("f"), .character(" "): screen.view.selected = min(screen.view.selected + page, last)
        case .pageUp, .control("b"): screen.view.selected = max(screen.view.selected - page, 0)
        case .home, .character("g"): screen.view.selected = 0
        case .end, .character("G"): screen.view.selected = last
        case .character("s"):
            guard let columns = screen.table?.columns.count, columns > 0 else { return (state, []) }
            screen.view.sortColumn = screen.view.sortColumn.map { $0 + 1 < columns ? $0 + 1 : nil } ?? 0
            screen.view.ascending = true
        case .character("S"):
            screen.view.ascending.toggle()
            if screen.view.sortColumn == nil { screen.view.sortColumn = 0 }
        case .character("/") where !state.settings.wall:
            state.input = .filter(screen.view.filter)
        case .enter:
            guard screen.source.isDrillDown, rows.indices.contains(screen.view.selected),
                  let correlationID = rows[screen.view.selected].correlationID else { return (state, []) }
            return ConsoleCommandLine.openTrace(correlationID, in: state)
        case .tab, .backTab:
            guard case .reconciliation(let control) = screen.source else { return (state, []) }
            let controls = ReconciliationControl.allCases
            let index = controls.firstIndex(of: control) ?? 0
            let next = controls[(index + (key == .tab ? 1 : controls.count - 1)) % controls.count]
            let source = TableScreen.Source.reconciliation(next)
            state.screen = .table(TableScreen(source: source))
            return (state, [.loadTable(source)])
        default:
            return (state, [])
        }
        let effects = screen.requery()
        state.screen = .table(screen)
        return (state, effects)
    }
}
