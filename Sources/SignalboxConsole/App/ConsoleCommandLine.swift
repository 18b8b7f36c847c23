/// The `:` commands.
enum ConsoleCommandLine {
    /// Every command, for the help overlay and the unknown-command message.
    static let summary = ":q  :dashboard  :exceptions  :refresh  :theme NAME  :trace ID  :help"

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
        case ("theme", true), ("trace", true):
            state.message = ":\(name) needs an argument: :\(name) \(name == "theme" ? "NAME" : "ID")"
        default:
            state.message = "unknown command: :\(text) (commands: \(summary))"
        }
        return (state, [])
    }

    static func openTrace(_ correlationID: String, in state: ConsoleState, returnTo queue: QueueScreen? = nil) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        let source = TableScreen.Source.trace(correlationID: correlationID)
        state.screen = .table(TableScreen(source: source, returnTo: queue))
        return (state, [.loadTable(source)])
    }
}
