import SignalboxCore
import SignalboxTerminal

/// The console's one state transition: `update(state, message) -> (state, effects)`. Pure: no I/O, no clock.
public enum ConsoleUpdate {
    /// Live signals are recomputed at least this often even when the store is quiet: ages and windows move with time.
    public static let quietRecompute = SignalDuration.seconds(30)

    /// The effects to run when the console opens.
    public static func start(_ state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        state.refresh = .loading(since: state.now)
        state.lastRecompute = state.now
        return (state, [.loadSignals])
    }

    public static func update(_ state: ConsoleState, _ message: ConsoleMessage) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        switch message {
        case .key(let key):
            return KeyHandling.handle(key, in: state)
        case .resized(let size):
            state.size = size
            return (state, [])
        case .tick(let now):
            return tick(state, now: now)
        case .tokenPolled(let token):
            state.tokenPollInFlight = false
            let due = state.settings.fixedAsOf == nil && state.lastSuccess.map { state.now.since($0) >= quietRecompute } ?? true
            if token == state.loadedToken, state.signals != nil, !due {
                if state.isStale { state.refresh = .idle }   // the store answers again and nothing changed
                return (state, [])
            }
            // A writer changes the token on every commit: recompute once per interval at most (the next tick asks again).
            if let last = state.lastRecompute, state.now.since(last) < state.settings.recomputeInterval { return (state, []) }
            return reload(state)
        case .tokenFailed(let error, let at):
            state.tokenPollInFlight = false
            state.refresh = .failed(error, since: failingSince(state, default: at))
            return (state, [])
        case .signalsLoaded(let signals, let token, let at, let notYetIn, let storeIsEmpty, let storeName):
            state.signals = signals
            if let storeName { state.settings.storeName = storeName }
            state.eventsNotYetInSignals = notYetIn
            state.storeIsEmpty = storeIsEmpty
            state.health = Dictionary(uniqueKeysWithValues: SignalKind.allCases.map {
                ($0, state.settings.configuration.thresholds.health(of: $0, in: signals))
            })
            state.loadedToken = token
            state.lastSuccess = at
            state.refresh = .idle
            let close: [ConsoleEffect] = state.settings.configuration.close == nil ? [] : [.loadCloseExposure(asOf: signals.asOf)]
            let (sampling, trendEffects) = sampleTrends(state, asOf: signals.asOf)
            return (sampling, trendEffects + close)
        case .trendsLoaded(let trends, let buckets):
            state.trends = trends
            state.trendBuckets = buckets
            return trendsFinished(state)
        case .trendsFailed:
            return trendsFinished(state)
        case .closeExposureLoaded(let exposure):
            state.closeExposure = exposure
            return (state, [])
        case .signalsFailed(let error, let at):
            state.refresh = .failed(error, since: failingSince(state, default: at))
            return (state, [])
        case .tableLoaded(let source, let table, let query):
            guard case .table(var screen) = state.screen, screen.source == source, screen.query == query else { return (state, []) }
            // A refresh keeps the selection on its record; the first rows of a new filter or sort start at the top.
            let seen = query == screen.loadedQuery ? screen.table.flatMap { screen.view.selectedKey(in: $0) } : nil
            if query != screen.loadedQuery { screen.view.selected = 0 }
            var table = table
            if case .drillDown(let kind) = source, let signals = state.signals {
                let population = SignalFigures.population(kind, in: signals)
                table.total = population > table.rows.count || query != .all ? population : nil
            }
            screen.table = table
            screen.loadedQuery = query
            if table.total != nil, screen.storeCanQuery { screen.queriesStore = true }
            screen.error = nil
            if let seen {
                if !screen.view.follow(seen, in: table) { state.message = state.message ?? "\(seen) left this list" }
            } else {
                screen.view.selected = min(screen.view.selected, max(0, screen.view.visibleRows(of: table).count - 1))
            }
            let effects = state.input == .normal ? screen.requery() : []
            state.screen = .table(screen)
            return (state, effects)
        case .tableFailed(let source, let error):
            guard case .table(var screen) = state.screen, screen.source == source else { return (state, []) }
            screen.error = error
            state.screen = .table(screen)
            return (state, [])
        case .themeLoaded(_, let name):
            state.themeName = name
            state.message = "theme \(name)"
            return (state, [])
        case .themeFailed(let error):
            state.message = error.description
            return (state, [])
        case .exported(let path, let rows):
            state.message = "exported \(SignalFigures.count(rows)) row\(rows == 1 ? "" : "s") to \(path)"
            return (state, [])
        case .exportFailed(let reason):
            state.message = "nothing exported: \(reason)"
            return (state, [])
        case .queueLoaded, .queueFailed, .groupsLoaded, .exceptionLoaded, .exceptionFailed, .resolveAllPreviewed,
             .resolveAllPreviewFailed, .writeFinished, .writeWaiting:
            return QueueUpdate.handle(message, in: state)
        }
    }

    /// Polls the change token (unless a poll or load is running) and rotates the wall display.
    static func tick(_ state: ConsoleState, now: Timestamp) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        state.now = now
        if state.settings.wall, now.since(state.lastRotation) >= state.settings.rotateInterval {
            state.focus = SignalKind.at(state.focus.position + 1)
            state.lastRotation = now
        }
        if case .loading = state.refresh { return (state, []) }
        guard !state.tokenPollInFlight else { return (state, []) }
        state.tokenPollInFlight = true
        return (state, [.pollChangeToken])
    }

    /// Reloads the signals and the open table (`r`, `:refresh`, or a changed token).
    static func reload(_ state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        var effects: [ConsoleEffect] = []
        if case .loading = state.refresh {} else {
            state.refresh = .loading(since: state.now)
            state.lastRecompute = state.now
            effects.append(.loadSignals)
        }
        switch state.screen {
        case .table(let screen): effects.append(.loadTable(screen.source, screen.query))
        case .queue(let screen): effects += QueueUpdate.reloadEffects(screen)
        case .dashboard: break
        }
        return (state, effects)
    }

    /// Samples the trends as of `asOf`, or, while a sampling runs, notes that one more is wanted after it.
    private static func sampleTrends(_ state: ConsoleState, asOf: Timestamp) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        guard !state.trendsInFlight else {
            state.trendsWanted = asOf
            return (state, [])
        }
        state.trendsInFlight = true
        state.trendsWanted = nil
        return (state, [.loadTrends(asOf: asOf, reusing: state.trendBuckets)])
    }

    /// A sampling ended: the one wanted meanwhile, if any, starts.
    private static func trendsFinished(_ state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        state.trendsInFlight = false
        guard let wanted = state.trendsWanted else { return (state, []) }
        return sampleTrends(state, asOf: wanted)
    }

    private static func failingSince(_ state: ConsoleState, default at: Timestamp) -> Timestamp {
        if case .failed(_, let since) = state.refresh { return since }
        return at
    }
}
