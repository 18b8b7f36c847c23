import SignalboxCore
import SignalboxTerminal

/// Everything that can change the console's state: keys, the clock, and finished effects.
public enum ConsoleMessage: Sendable {
    case key(Key)
    case resized(Size)
    /// The refresh timer fired at `now`.
    case tick(now: Timestamp)
    case tokenPolled(Int64)
    case tokenFailed(message: String, at: Timestamp)
    case signalsLoaded(GoldenSignals, token: Int64?, at: Timestamp)
    case signalsFailed(message: String, at: Timestamp)
    /// Recent history per signal for the sparklines (replaces the previous series: memory stays bounded).
    case trendsLoaded([SignalKind: TrendSeries])
    case tableLoaded(TableScreen.Source, DataTable)
    case tableFailed(TableScreen.Source, message: String)
    /// A theme was loaded; the runtime draws with it from now on.
    case themeLoaded(Theme, name: String)
    case themeFailed(message: String)
}

/// Work `update` asks for; the runtime performs it off the UI loop and answers with messages.
public enum ConsoleEffect: Equatable, Sendable {
    /// Read the store's change token (answer: `tokenPolled`/`tokenFailed`).
    case pollChangeToken
    /// Read the golden signals (answer: `signalsLoaded`/`signalsFailed`).
    case loadSignals
    /// Sample each signal's recent history (answer: `trendsLoaded`; failures are only logged).
    case loadTrends(asOf: Timestamp)
    /// Read a drill-down list or trace (answer: `tableLoaded`/`tableFailed`).
    case loadTable(TableScreen.Source)
    /// Load a theme by name (answer: `themeLoaded`/`themeFailed`).
    case loadTheme(String)
}
