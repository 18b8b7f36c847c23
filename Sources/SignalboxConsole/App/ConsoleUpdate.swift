import SignalboxCore
import SignalboxTerminal

/// The console's one state transition: `update(state, message) -> (state, effects)`. Pure: no I/O, no clock.
public enum ConsoleUpdate {
    /// Live signals are recomputed at least this often even when the store is quiet: ages and windows move with time.
    public static let quietRecompute = SignalDuration.seconds(30)

    /// The effects to run when the console opens: the first page's flow tiles first (the console opens on them;
    /// sections 1–5, tens of milliseconds), so that the screen has figures while the groups read after them, one at a
    /// time (the second page's flow, then §10: seconds on a large store), are still being read.
    public static func start(_ state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        state.refresh = .loading(since: state.now)
        state.lastRecompute = state.now
        state.pacing.started(.signals(.front), at: state.now)
        return (state, [.loadSignals(SignalReadGroup.front.sections)])
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
            let endsAQuietSpell = !state.lastPollSawChange
            state.lastPollSawChange = state.lastPolledToken.map { $0 != token } ?? true
            state.lastPolledToken = token
            let wanted = SignalReadGroup.allCases.filter { isWanted($0, token: token, in: state) }
            let onList = state.screen != .dashboard
            let listWanted = onList && token != state.listToken
            if wanted.isEmpty, !listWanted {
                if case .failed = state.refresh { state.refresh = .idle }   // the store answers again and nothing changed
                return (state, [])
            }
            // A steady writer changes the token at every poll: each group is read again once per recompute interval
            // at most, and less often when its last read was costly or its figures are not on screen; the open list
            // once per interval (the next tick asks again). The first change after a quiet poll is read at once.
            let floor = endsAQuietSpell ? .zero : state.settings.recomputeInterval
            let due = wanted.filter { isPaced($0, in: state, floor: floor) }
            let listDue = listWanted && state.lastRecompute.map { state.now.since($0) >= floor } ?? true
            guard !due.isEmpty || listDue else { return (state, []) }
            if onList { state.listToken = token }
            return reload(state, groups: due)
        case .tokenFailed(let error, let at):
            state.tokenPollInFlight = false
            state.refresh = .failed(error, since: failingSince(state, default: at))
            return (state, [])
        case .signalsLoaded(let signals, let token, let at, let notYetIn, let storeIsEmpty, let storeName, let costs, let published):
            state.figuresArePublished = published
            for group in SignalReadGroup.held(in: signals.sections) {
                state.sectionReads[group] = SectionRead(at: at, token: token)
                state.pacing.finished(.signals(group), cost: costs[group] ?? .zero)
            }
            let signals = state.signals.map { $0.merging(signals) } ?? signals
            state.signals = signals
            if let storeName { state.settings.storeName = storeName }
            state.eventsNotYetInSignals = notYetIn
            state.storeIsEmpty = storeIsEmpty
            state.health = Dictionary(uniqueKeysWithValues: SignalKind.allCases.map {
                ($0, state.settings.configuration.thresholds.health(of: $0, in: signals))
            })
            state.lastSuccess = at
            state.refresh = .idle
            let close: [ConsoleEffect] = state.settings.configuration.close == nil ? [] : [.loadCloseExposure(asOf: signals.asOf)]
            let unread = readGroupsNeverRead(&state)
            // The trends are sampled once every group has been read: one sampling at start, as when one read held all.
            guard unread.isEmpty else { return (state, unread + close) }
            let (sampling, trendEffects) = sampleTrends(state, asOf: signals.asOf)
            return (sampling, trendEffects + close)
        case .trendsLoaded(let trends, let buckets, let cost):
            state.trends = trends
            state.trendBuckets = buckets
            state.pacing.finished(.trends, cost: cost)
            // Buckets left for later: one more sampling, at its pace, even if the store stays quiet.
            if buckets.unread > 0, state.trendsWanted == nil { state.trendsWanted = state.signals?.asOf }
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
        var effects: [ConsoleEffect] = []
        if let wanted = state.trendsWanted, !state.trendsInFlight, state.pacing.allows(.trends, at: now, floor: .zero) {
            (state, effects) = sampleTrends(state, asOf: wanted)
        }
        if state.refresh.isReading { return (state, effects) }
        guard !state.tokenPollInFlight else { return (state, effects) }
        state.tokenPollInFlight = true
        return (state, effects + [.pollChangeToken])
    }

    /// Whether `group` should be read again at the change token `token`: nothing read yet, the store changed since
    /// its last read, or (live) its figures are older than ``quietRecompute``.
    private static func isWanted(_ group: SignalReadGroup, token: Int64, in state: ConsoleState) -> Bool {
        guard state.signals != nil, let read = state.sectionReads[group] else { return true }
        return read.token != token || (state.settings.fixedAsOf == nil && state.now.since(read.at) >= quietRecompute)
    }

    /// Whether `group`'s pace lets it be read now: `floor` (the recompute interval under a steady writer), its cost
    /// (``ReadPacing``), and the longest spacing while its figures are not on screen.
    private static func isPaced(_ group: SignalReadGroup, in state: ConsoleState, floor: SignalDuration) -> Bool {
        let visible = state.visibleReadGroups.contains(group)
        return state.pacing.allows(.signals(group), at: state.now, floor: visible ? floor : ReadPacing.longestSpacing)
    }

    /// Reloads the signals (the sections of `groups`, every one by default) and the open table (`r`, `:refresh`, or
    /// a changed token).
    static func reload(_ state: ConsoleState, groups: [SignalReadGroup] = SignalReadGroup.allCases) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        var effects: [ConsoleEffect] = []
        state.lastRecompute = state.now
        if !groups.isEmpty, !state.refresh.isReading {
            state.refresh = state.refresh.startingRead(at: state.now)
            for group in groups { state.pacing.started(.signals(group), at: state.now) }
            effects.append(.loadSignals(SignalReadGroup.sections(of: groups)))
        }
        switch state.screen {
        case .table(let screen): effects.append(.loadTable(screen.source, screen.query))
        case .queue(let screen): effects += QueueUpdate.reloadEffects(screen)
        case .dashboard: break
        }
        return (state, effects)
    }

    /// The read of the next group never read yet, cheapest first (after the first page's figures: the second page's
    /// flow, then §10), started at once, so that each group's figures are drawn as soon as they are read rather than
    /// when the costliest is; one read at a time (``ConsoleState/refresh`` is loading until it answers), so it is
    /// never started twice.
    private static func readGroupsNeverRead(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard let next = SignalReadGroup.allCases.first(where: { state.sectionReads[$0] == nil }) else { return [] }
        state.refresh = .loading(since: state.now)
        state.pacing.started(.signals(next), at: state.now)
        return [.loadSignals(next.sections)]
    }

    /// Samples the trends as of `asOf`, or, while a sampling runs, notes that one more is wanted after it.
    private static func sampleTrends(_ state: ConsoleState, asOf: Timestamp) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        // One sampling at a time, spaced by what the last one cost; the tick starts the one wanted meanwhile.
        guard !state.trendsInFlight, state.pacing.allows(.trends, at: state.now, floor: .zero) else {
            state.trendsWanted = asOf
            return (state, [])
        }
        state.trendsInFlight = true
        state.trendsWanted = nil
        state.pacing.started(.trends, at: state.now)
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
        state.refresh.failure?.since ?? at
    }
}
