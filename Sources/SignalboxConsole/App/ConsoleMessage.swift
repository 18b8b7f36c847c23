import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// Everything that can change the console's state: keys, the clock, and finished effects.
public enum ConsoleMessage: Sendable {
    case key(Key)
    case resized(Size)
    /// The refresh timer fired at `now`.
    case tick(now: Timestamp)
    case tokenPolled(Int64)
    case tokenFailed(StoreError, at: Timestamp)
    /// `notYetIn`: logged events the signals do not reflect yet (``SignalSource/eventsNotYetInSignals()``);
    /// `storeIsEmpty`: the store holds no event at all (``EventLogReader/hasEvents()``); `storeName`: the store's
    /// name as it reads now (after a failover, the server now in use); `costs`: what reading each group took;
    /// `published`: the figures are a publisher's (`signalbox publish`), not computed by this console. The
    /// signals hold the sections asked for; the console keeps the others from earlier reads.
    case signalsLoaded(GoldenSignals, token: Int64?, at: Timestamp, notYetIn: Int, storeIsEmpty: Bool = false,
                       storeName: String? = nil, costs: [SignalReadGroup: SignalDuration] = [:], published: Bool = false)
    case signalsFailed(StoreError, at: Timestamp)
    /// Recent history per signal for the sparklines (replaces the previous series: memory stays bounded), and the
    /// buckets they were built from, for the next sampling to reuse, and what the sampling cost.
    case trendsLoaded([SignalKind: TrendSeries], buckets: TrendBuckets = .empty, cost: SignalDuration = .zero)
    /// Sampling the trends failed (the sparklines keep their last series).
    case trendsFailed
    /// A drill-down's or trace's rows, as read for `query`.
    case tableLoaded(TableScreen.Source, DataTable, TableQuery = .all)
    case tableFailed(TableScreen.Source, StoreError)
    /// A theme was loaded; the runtime draws with it from now on.
    case themeLoaded(Theme, name: String)
    case themeFailed(ThemeError)
    /// A page of the exception queue for `query` (`append`: after the rows already loaded), read as of `asOf`.
    case queueLoaded(ExceptionQuery, [ExceptionRow], append: Bool, asOf: Timestamp)
    case queueFailed(ExceptionQuery, StoreError)
    case groupsLoaded(ExceptionGrouping, [ExceptionGroup])
    /// One exception's record (nil: no such exception), its subject's remembered mapping, and its kind's runbook.
    case exceptionLoaded(id: String, ExceptionRecord?, suggestion: RememberedMapping?, policy: ReprocessPolicy? = nil,
                         runbook: Result<Runbook, RunbookError>? = nil)
    case exceptionFailed(id: String, StoreError)
    /// What the resolve-all asked for would write: every exception, and apart the ones the rules refuse.
    case resolveAllPreviewed(WritePlan, BulkResolutionPlan)
    case resolveAllPreviewFailed(StoreError)
    /// A confirmed write finished (each item written or failed).
    case writeFinished(WriteOutcome)
    /// A write is waiting for another writer (a bulk ingest) to let it in; it goes on by itself.
    case writeWaiting
    /// Close mode's unbilled split at the current cutoff, read as of the signals' as-of.
    case closeExposureLoaded(CloseExposure)
    /// `:export` wrote `rows` rows to `path` (as expanded).
    case exported(path: String, rows: Int)
    /// `:export` failed; nothing was written.
    case exportFailed(String)
}

/// Work `update` asks for; the runtime performs it off the UI loop and answers with messages.
public enum ConsoleEffect: Equatable, Sendable {
    /// Read the store's change token (answer: `tokenPolled`/`tokenFailed`).
    case pollChangeToken
    /// Read these sections of the golden signals, a ``SignalReadGroup`` at a time (answer:
    /// `signalsLoaded`/`signalsFailed`).
    case loadSignals(SignalSections)
    /// Sample each signal's recent history, reusing the closed buckets of `reusing` that nothing written since
    /// touched (answer: `trendsLoaded`/`trendsFailed`).
    case loadTrends(asOf: Timestamp, reusing: TrendBuckets)
    /// Close mode: split the unbilled time at the current period's cutoff (answer: `closeExposureLoaded`; failures
    /// are only logged).
    case loadCloseExposure(asOf: Timestamp)
    /// Read a drill-down list or trace, its first rows as `query` filters and sorts them (answer:
    /// `tableLoaded`/`tableFailed`).
    case loadTable(TableScreen.Source, TableQuery = .all)
    /// Load a theme by name (answer: `themeLoaded`/`themeFailed`).
    case loadTheme(String)
    /// Read one page of the exception queue (answer: `queueLoaded`/`queueFailed`).
    case loadQueue(ExceptionQuery, append: Bool)
    /// Count the queue by kind or subject (answer: `groupsLoaded`/`queueFailed`).
    case loadGroups(ExceptionGrouping, ExceptionQuery)
    /// Read one exception in full (answer: `exceptionLoaded`/`exceptionFailed`).
    case loadException(id: String)
    /// List what a resolve-all would write (answer: `resolveAllPreviewed`/`resolveAllPreviewFailed`).
    case previewResolveAll(WritePlan)
    /// Write a confirmed plan as the console's user, each item separately (answer: `writeFinished`).
    case write(WritePlan)
    /// Read every row of a table again and write it to a file (answer: `exported`/`exportFailed`).
    case export(ExportJob)
}
