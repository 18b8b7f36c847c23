import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// Everything the console shows; changed only by `ConsoleUpdate.update`.
public struct ConsoleState: Equatable, Sendable {
    /// Which full-screen view is showing.
    public enum Screen: Equatable, Sendable {
        case dashboard
        /// A list behind a tile, or a correlation trace.
        case table(TableScreen)
        /// The exception queue, or one exception's detail over it.
        case queue(QueueScreen)
    }

    /// Where typed keys go.
    public enum InputMode: Equatable, Sendable {
        case normal
        /// `:` command line, with the text typed so far.
        case command(String)
        /// `/` filter on the current table, with the text typed so far.
        case filter(String)
    }

    /// The refresh cycle.
    public enum RefreshState: Equatable, Sendable {
        case idle
        /// A query is running since `since`.
        case loading(since: Timestamp)
        /// The last query failed; the last good data stays on screen.
        case failed(StoreError, since: Timestamp)
        /// A query is running again since `since` after `error` (failing since `failingSince`): the data on screen is
        /// still stale, and says so, until a query answers.
        case retrying(StoreError, failingSince: Timestamp, since: Timestamp)

        /// Whether a query is running.
        public var isReading: Bool {
            switch self {
            case .loading, .retrying: true
            case .idle, .failed: false
            }
        }

        /// While the data on screen is stale: the error the store last answered with, and when the failure began.
        public var failure: (error: StoreError, since: Timestamp)? {
            switch self {
            case .failed(let error, let since), .retrying(let error, failingSince: let since, since: _): (error, since)
            case .idle, .loading: nil
            }
        }

        /// The state once a query starts at `now`: a retry while the store is failing, else loading.
        func startingRead(at now: Timestamp) -> RefreshState {
            guard let failure else { return .loading(since: now) }
            return .retrying(failure.error, failingSince: failure.since, since: now)
        }
    }

    public var settings: ConsoleSettings
    public var size: Size
    public var now: Timestamp
    public var screen: Screen = .dashboard
    /// The screens Esc goes back to, the latest last, each as it was left (scroll, filter, selection).
    public var back: [Screen] = []
    public var input: InputMode = .normal
    public var showHelp = false
    /// A prompt or y/N confirmation over the queue; takes every key while open.
    public var dialog: QueueDialog?
    public var focus: SignalKind = .activation
    /// The last signals read successfully, and when.
    public var signals: GoldenSignals?
    /// Each tile's health under the configured thresholds, for the last good signals.
    public var health: [SignalKind: SignalHealth] = [:]
    /// Each tile's sparkline series (fixed length, replaced on every sample).
    public var trends: [SignalKind: TrendSeries] = [:]
    /// Close mode: the unbilled split at the current period's cutoff, read with the last signals.
    public var closeExposure: CloseExposure?
    /// The buckets behind `trends`, reused by the next sampling where nothing written since touched them.
    public var trendBuckets = TrendBuckets.empty
    /// A trend sampling is running; signals that arrive meanwhile wait in `trendsWanted`.
    public var trendsInFlight = false
    /// The as-of of signals loaded while trends were sampled: one more sampling follows, for the latest only.
    public var trendsWanted: Timestamp?
    /// When the last recompute started (by `now`), to space the ones the store's changes start.
    public var lastRecompute: Timestamp?
    /// The change token the last poll answered.
    public var lastPolledToken: Int64?
    /// The last poll found the store changed since the poll before; the first counts as changed. A change found by
    /// a poll after one that found none, or by the first poll, ends a quiet spell: it is read at once, not after the
    /// recompute interval.
    public var lastPollSawChange = false
    /// The change token the open list (a drill-down, a trace or the queue) was last read again for.
    public var listToken: Int64?
    /// When each group of sections was last read, and at which change token.
    public var sectionReads: [SignalReadGroup: SectionRead] = [:]
    /// How often each recurring read may run, by what it last cost.
    public var pacing = ReadPacing()
    public var lastSuccess: Timestamp?
    /// The last load found no event in the store: the dashboard gives way to what to do next.
    public var storeIsEmpty = false
    /// Logged events the last signals did not reflect yet (shown in the status bar while not zero).
    public var eventsNotYetInSignals = 0
    /// The figures shown are a publisher's (`signalbox publish`), read from the store rather than computed here.
    public var figuresArePublished = false
    public var refresh: RefreshState = .idle
    public var tokenPollInFlight = false
    /// The one-line message under the status bar (errors, command results).
    public var message: String?
    /// The theme in use, by name.
    public var themeName: String
    /// The wall display's current tile and when it last rotated.
    public var lastRotation: Timestamp
    public var quitRequested = false

    public init(settings: ConsoleSettings, size: Size, now: Timestamp, themeName: String) {
        self.settings = settings
        self.size = size
        self.now = now
        self.themeName = themeName
        self.lastRotation = now
    }

    /// The instant queue ages are measured from: the fixed as-of, else now.
    public var queueNow: Timestamp { settings.fixedAsOf ?? now }

    /// Close mode's period being closed as of ``queueNow`` (nil: no close mode).
    public var closePeriod: ClosePeriod? { settings.configuration.close?.current(at: queueNow) }

    /// The groups of sections whose figures are on screen: the focused page's tiles (the dashboard, the wall, their
    /// help), or the drill-down's signal. The exception queue and a trace show none. A wall turns its pages by itself,
    /// so both pages' flow counts as on screen there: each page is as fresh as the other when it comes round.
    public var visibleReadGroups: Set<SignalReadGroup> {
        switch screen {
        case .dashboard: Set(focus.page.map(SignalReadGroup.init)).union(settings.wall ? [.front, .back] : [])
        case .table(let table):
            switch table.source {
            case .drillDown(let kind): [SignalReadGroup(kind)]
            case .reconciliation: [.reconciliation]
            case .trace: []
            }
        case .queue: []
        }
    }

    /// How much older the figures of `kind` are than the newest read of the figures on screen, when they are older by
    /// at least the reads' usual spacing (the refresh or the recompute interval, the longer): a group read less often
    /// by its cost. nil when they are as fresh as the rest. A read of figures off screen (page 2's while page 1
    /// shows) does not make the ones on screen look old.
    public func figuresLag(of kind: SignalKind) -> SignalDuration? {
        let onScreen = visibleReadGroups
        guard let read = sectionReads[SignalReadGroup(kind)],
              let newest = sectionReads.filter({ onScreen.contains($0.key) }).values.map(\.at).max() else { return nil }
        let lag = newest.since(read.at)
        return lag >= max(settings.refreshInterval, settings.recomputeInterval) ? lag : nil
    }

    /// `true` while the store is failing and the data on screen is from an earlier refresh.
    public var isStale: Bool {
        refresh.failure != nil
    }
}

/// One group of sections as last read: when (the store's time of reading) and at which change token.
public struct SectionRead: Equatable, Sendable {
    public var at: Timestamp
    public var token: Int64?

    public init(at: Timestamp, token: Int64?) {
        self.at = at
        self.token = token
    }
}

/// A drill-down list or correlation trace, with its loading state and what the user did to it.
public struct TableScreen: Equatable, Sendable {
    /// What the table shows.
    public enum Source: Equatable, Sendable {
        case drillDown(SignalKind)
        /// The rows behind one reconciliation control (the reconciliation tile's drill-down; Tab switches control).
        case reconciliation(ReconciliationControl)
        case trace(correlationID: String)

        /// One reconciliation control's rows.
        var isReconciliation: Bool {
            if case .reconciliation = self { return true }
            return false
        }

        /// A list behind a tile (Enter opens the row's trace), not a trace.
        var isDrillDown: Bool {
            if case .trace = self { return false }
            return true
        }
    }

    public var source: Source
    /// `nil` while loading.
    public var table: DataTable?
    /// The list has more rows than one read loads, and its store filters and sorts it: `/` and `s` ask the store.
    public var queriesStore = false
    /// What the rows were last asked for (a load answering another query is stale).
    public var query = TableQuery.all
    /// What the rows on screen were read with.
    public var loadedQuery = TableQuery.all
    /// Why the last read failed (shown until the next succeeds).
    public var error: StoreError?
    public var view = TableView()

    public init(source: Source) {
        self.source = source
    }

    /// The store's filter and sort can be asked for this list (only where a store query exists for it).
    var storeCanQuery: Bool {
        [.activation, .provisioning, .unbilled, .timeToInvoice, .invoiceToCash].map(Source.drillDown).contains(source)
    }

    /// Asks the store again when the filter or sort on screen differs from what the rows were read with, on a list
    /// longer than one read; otherwise the rows loaded are filtered and sorted in memory.
    mutating func requery() -> [ConsoleEffect] {
        guard queriesStore else { return [] }
        let wanted = TableQuery(view)
        guard wanted != query else { return [] }
        query = wanted
        return [.loadTable(source, wanted)]
    }
}
