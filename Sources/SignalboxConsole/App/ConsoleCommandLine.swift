/// The `:` commands.
enum ConsoleCommandLine {
    /// Every command, for the help overlay and the unknown-command message.
    static let summary = ":q  :dashboard  :exceptions  :refresh  :theme NAME  :trace ID  :export csv|json PATH  :help"

    static func run(_ text: String, in state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let name = words.first else { return (state, []) }
        let argument = words.dropFirst().joined(separator: " ")
        switch (name, argument.isEmpty) {
        case ("q", true), ("quit", true), ("q!", true):
            state.quitRequested = true
        case ("dashboard", true), ("dash", true):
            state.screen = .dashboard
            state.back = []
        case ("exceptions", true), ("queue", true):
            return QueueUpdate.open(state)
        case ("refresh", true):
            return ConsoleUpdate.reload(state)
        case ("help", true):
            state.showHelp = true
        case ("theme", false):
            return (state, [.loadTheme(argument)])
        case ("trace", false):
            return openTrace(argument, in: state)
        case ("export", _):
            return export(words.dropFirst().map { $0 }, in: state)
        case ("theme", true), ("trace", true):
            state.message = ":\(name) needs an argument: :\(name) \(name == "theme" ? "NAME" : "ID")"
        default:
            state.message = "unknown command: :\(text) (commands: \(summary))"
        }
        return (state, [])
    }

    /// `:export csv PATH` / `:export json PATH`: every row of the table on screen, filtered and sorted, to PATH.
    static func export(_ arguments: [String], in state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        guard arguments.count >= 2, let format = ExportFormat(rawValue: arguments[0].lowercased()) else {
            state.message = "usage: :export csv PATH  or  :export json PATH"
            return (state, [])
        }
        switch ExportJob.make(format: format, path: arguments.dropFirst().joined(separator: " "), state: state) {
        case .success(let job):
            state.message = "exporting to \(job.path)…"
            return (state, [.export(job)])
        case .failure(let refusal):
            state.message = "nothing exported: \(refusal.reason)"
            return (state, [])
        }
    }

    /// Shows the trace of `correlationID`; Esc goes back to the screen it was opened from, as it was.
    static func openTrace(_ correlationID: String, in state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        let source = TableScreen.Source.trace(correlationID: correlationID)
        state.back.append(state.screen)
        state.screen = .table(TableScreen(source: source))
        return (state, [.loadTable(source)])
    }

    /// Esc: the screen the current one was opened from (the dashboard when none), reloaded with its selection kept.
    static func goBack(in state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        state.screen = state.back.popLast() ?? .dashboard
        switch state.screen {
        case .dashboard: return (state, [])
        case .table(let screen): return (state, [.loadTable(screen.source, screen.query)])
        case .queue(let screen): return (state, QueueUpdate.reloadEffects(screen))
        }
    }
}
