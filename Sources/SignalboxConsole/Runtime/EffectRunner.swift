import Logging
import SignalboxCore
import SignalboxStore
import Synchronization

/// Runs `ConsoleEffect`s as Swift tasks, off the UI thread, and posts their answers to an inbox.
///
/// A slow or dead store only delays the answer; the UI loop keeps drawing and reading keys meanwhile.
final class EffectRunner: Sendable {
    let store: any ConsoleStore
    let settings: ConsoleSettings
    let clock: @Sendable () -> Timestamp
    /// The "now" of reads and writes (simulated time in a simulating demo).
    let dataClock: @Sendable () -> Timestamp
    let environment: [String: String]
    private let inbox: Inbox
    let logger: Logger
    /// Rows per drill-down query.
    static let detailLimit = 500
    /// Closed trend buckets one sampling reads per plan: a first sampling at a million events fills the sparklines
    /// over some minutes, newest first, instead of holding a core for half a minute (each sampling is paced by its cost).
    static let trendBucketsPerSampling = 8

    init(store: any ConsoleStore, settings: ConsoleSettings, clock: @escaping @Sendable () -> Timestamp,
         dataClock: @escaping @Sendable () -> Timestamp,
         environment: [String: String], inbox: Inbox, logger: Logger) {
        self.store = store
        self.settings = settings
        self.clock = clock
        self.dataClock = dataClock
        self.environment = environment
        self.inbox = inbox
        self.logger = logger
    }

    /// Has the store tell the user (`writeWaiting`) when a write waits for another writer, such as a bulk ingest.
    func reportWaitingWrites() async {
        let inbox = inbox
        await store.onWaitingForAnotherWriter { inbox.post(.writeWaiting) }
    }

    func run(_ effect: ConsoleEffect) {
        Task { [self] in
            if let message = await perform(effect) { inbox.post(message) }
        }
    }

    func perform(_ effect: ConsoleEffect) async -> ConsoleMessage? {
        switch effect {
        case .pollChangeToken:
            do throws(StoreError) {
                return .tokenPolled(try await store.changeToken())
            } catch {
                logger.warning("change token failed: \(error)")
                return .tokenFailed(error, at: clock())
            }
        case .loadSignals(let sections):
            do throws(StoreError) {
                let token = try await store.changeToken()
                if let published = await publishedSignals(sections, token: token) { return published }
                let asOf = settings.fixedAsOf ?? dataClock()
                var signals = GoldenSignals(asOf: asOf, window: settings.window, sections: [])
                var costs: [SignalReadGroup: SignalDuration] = [:]
                for group in SignalReadGroup.held(in: sections) {
                    let started = ContinuousClock.now
                    signals = signals.merging(try await store.signals(asOf: asOf, window: settings.window, sections: group.sections))
                    costs[group] = SignalDuration(ContinuousClock.now - started)
                }
                let notYetIn = try await store.eventsNotYetInSignals()
                let storeIsEmpty = try await !store.hasEvents()
                // A replica's data is as old as its replay lag when it is read: the console's age counts from then.
                let lag = try await store.replicationLag()
                logger.debug("signals loaded as of \(asOf.rfc3339), token \(token), \(notYetIn) events not yet in them, lag \(lag)")
                let readAt = clock().subtracting(lag)
                ConsoleMemory.returnFreePages()
                return .signalsLoaded(signals, token: token, at: readAt, notYetIn: notYetIn, storeIsEmpty: storeIsEmpty,
                                      storeName: store.displayName, costs: costs)
            } catch {
                logger.warning("signals failed: \(error)")
                return .signalsFailed(error, at: clock())
            }
        case .loadTrends(let asOf, let previous):
            if let published = await publishedTrends() { return published }
            do throws(StoreError) {
                let started = ContinuousClock.now
                let buckets = try await TrendSampler(closedBucketsPerSampling: Self.trendBucketsPerSampling)
                    .sample(store, asOf: asOf, reusing: previous)
                ConsoleMemory.returnFreePages()
                return .trendsLoaded(buckets.trends, buckets: buckets, cost: SignalDuration(ContinuousClock.now - started))
            } catch {
                logger.warning("trend sampling failed: \(error)")
                return .trendsFailed
            }
        case .loadCloseExposure(let asOf):
            guard let period = settings.configuration.close?.current(at: asOf) else { return nil }
            do throws(StoreError) {
                let before = try await store.unbilledApprovedBefore(period.cutoff, asOf: asOf)
                return .closeExposureLoaded(CloseExposure(period: period, asOf: asOf, approvedBeforeCutoff: before))
            } catch {
                logger.warning("close exposure failed: \(error)")
                return nil
            }
        case .loadTable(let source, let query):
            do throws(StoreError) {
                return .tableLoaded(source, try await table(for: source, query: query), query)
            } catch {
                logger.warning("table \(source) failed: \(error)")
                return .tableFailed(source, error)
            }
        case .loadTheme(let name):
            do throws(ThemeError) {
                return .themeLoaded(try ThemeCatalog.load(named: name, environment: environment), name: name)
            } catch {
                return .themeFailed(error)
            }
        case .loadQueue, .loadGroups, .loadException, .previewResolveAll, .write:
            return await performQueue(effect)
        case .export(let job):
            return await export(job)
        }
    }

    /// A drill-down or trace: the first `limit` rows (``detailLimit`` on screen, all of them for an export), as
    /// `query` filters and sorts them where the store can (see ``TableScreen/storeCanQuery``).
    func table(for source: TableScreen.Source, query: TableQuery = .all,
               limit: Int = detailLimit) async throws(StoreError) -> DataTable {
        let asOf = settings.fixedAsOf ?? dataClock()
        let window = settings.window
        switch source {
        case .trace(let correlationID):
            return TraceTable.make(correlationID: correlationID, events: try await store.events(correlationID: correlationID), asOf: asOf)
        case .drillDown(.activation):
            return Self.table(try await store.activationDetails(asOf: asOf, window: window, request: query.request(limit: limit)),
                              query: query) { DrillDownTables.activation($0, asOf: asOf) }
        case .drillDown(.provisioning):
            return Self.table(try await store.provisioningFailures(asOf: asOf, window: window, request: query.request(limit: limit)),
                              query: query, make: DrillDownTables.provisioning)
        case .drillDown(.amendments):
            return DrillDownTables.amendments(try await store.amendmentStatuses(asOf: asOf, window: window))
        case .drillDown(.unbilled):
            return Self.table(try await store.unbilledEntries(asOf: asOf, request: query.request(limit: limit)),
                              query: query) { DrillDownTables.unbilled($0, asOf: asOf) }
        case .drillDown(.exceptions):
            return DrillDownTables.exceptions(try await store.openExceptions(asOf: asOf, limit: limit), asOf: asOf)
        case .drillDown(.timeToInvoice):
            return Self.table(try await store.invoicedTimeEntries(asOf: asOf, window: window, request: query.request(limit: limit)),
                              query: query, make: DrillDownTables.timeToInvoice)
        case .drillDown(.resolution):
            return DrillDownTables.resolution(try await store.closedExceptions(asOf: asOf, window: window, limit: limit),
                                              byKind: try await store.signals(asOf: asOf, window: window, sections: .resolutionTime).resolution.byKind)
        case .drillDown(.invoiceToCash):
            return Self.table(try await store.invoiceStandings(asOf: asOf, window: window, request: query.request(limit: limit)),
                              query: query) { DrillDownTables.invoiceToCash($0, asOf: asOf) }
        case .drillDown(.throughput):
            return DrillDownTables.throughput(try await store.signals(asOf: asOf, window: window, sections: .throughput).throughput)
        case .drillDown(.reconciliation):
            return try await table(for: .reconciliation(.rateLeakage), query: query, limit: limit)
        case .reconciliation(let control):
            let rows = try await store.reconciliationRows(of: [control], asOf: asOf, window: window)
            let psa = control == .rateLeakage ? try await PSAAmendmentState.read(for: rows, from: store, asOf: asOf) : [:]
            return ReconciliationTables.table(control, rows, psa: psa)
        }
    }
}

extension EffectRunner {
    /// The table of a page the store filtered and sorted: how many rows match is told when a filter or sort was asked.
    static func table<Rows>(_ page: DetailPage<Rows>, query: TableQuery, make: (Rows) -> DataTable) -> DataTable {
        var table = make(page.rows)
        if query != .all { table.matching = page.matching }
        return table
    }
}

/// Finished effects waiting for the UI loop; posting wakes the loop's `readKey`.
final class Inbox: Sendable {
    private let messages = Mutex<[ConsoleMessage]>([])
    private let wake: @Sendable () -> Void

    init(wake: @escaping @Sendable () -> Void) { self.wake = wake }

    func post(_ message: ConsoleMessage) {
        messages.withLock { $0.append(message) }
        wake()
    }

    /// Everything posted since the last call, oldest first.
    func drain() -> [ConsoleMessage] {
        messages.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }
}
