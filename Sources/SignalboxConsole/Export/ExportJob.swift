import SignalboxCore
import SignalboxStore

/// What `:export csv|json PATH` asked for: the table on screen as it is filtered and sorted, all of its rows.
public struct ExportJob: Equatable, Sendable {
    /// Which rows: the runtime reads them again in full (a drill-down or the queue shows only its first pages).
    public enum Target: Equatable, Sendable {
        /// The exception queue's query (filter and sort), read as of `asOf`.
        case queue(ExceptionQuery, asOf: Timestamp)
        /// The grouped queue, as counted.
        case groups([ExceptionGroup])
        /// A drill-down or trace, with the user's filter and sort.
        case table(TableScreen.Source, TableView)
    }

    public var target: Target
    public var format: ExportFormat
    /// As typed (`~/` is expanded when written).
    public var path: String

    public init(target: Target, format: ExportFormat, path: String) {
        self.target = target
        self.format = format
        self.path = path
    }

    /// The job for the table on `state`'s screen, or why there is none.
    static func make(format: ExportFormat, path: String, state: ConsoleState) -> Result<ExportJob, ExportRefusal> {
        switch state.screen {
        case .dashboard:
            return .failure(ExportRefusal(reason: "no table here: open one first (Enter on a tile, e for the queue)"))
        case .table(let screen):
            return .success(ExportJob(target: .table(screen.source, screen.view), format: format, path: path))
        case .queue(let screen):
            if screen.grouping != nil { return .success(ExportJob(target: .groups(screen.groups), format: format, path: path)) }
            return .success(ExportJob(target: .queue(screen.query, asOf: screen.asOf ?? state.queueNow), format: format, path: path))
        }
    }
}

/// Why `:export` was not started.
struct ExportRefusal: Error, Equatable {
    var reason: String
}
