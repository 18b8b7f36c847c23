import ArgumentParser
import Logging
import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// The console's options, shared by `signalbox console` and `signalbox demo`.
struct ConsoleOptions: ParsableArguments {
    @Flag(help: "Open the store read-only and show [RO]; nothing can be written.")
    var readOnly = false

    @Flag(help: "Wall display: read-only, large tiles rotating every --rotate seconds, no prompts.")
    var wall = false

    @Option(help: ArgumentHelp("Seconds between change checks, at least 1 (default: the configuration file's, else 2).",
                               valueName: "seconds"))
    var refresh: Int?

    @Option(help: ArgumentHelp("While the store keeps changing, least seconds between recomputes, at least 1 (default: configuration, else 10).",
                               valueName: "seconds"))
    var recompute: Int?

    @Option(help: ArgumentHelp("Seconds each tile stays enlarged in --wall mode, at least 1 (default: configuration, else 15).",
                               valueName: "seconds"))
    var rotate: Int?

    @Option(help: ArgumentHelp("Colours: auto (follows the terminal and NO_COLOR), always or never.", valueName: "when"))
    var color: ColorMode = .auto

    @Flag(help: "Draw lines and blocks with ASCII characters only.")
    var ascii = false

    @Option(help: ArgumentHelp("Theme name (built-in or a YAML file in the theme search path).", valueName: "name"))
    var theme: String?

    @Option(help: ArgumentHelp("Log file (default: $XDG_STATE_HOME/signalbox/signalbox.log).", valueName: "path"))
    var logFile: String?

    @Option(help: ArgumentHelp("Window length: 90s, 30m, 36h, 7d, 2w.", valueName: "length"))
    var window: SignalDuration = .days(7)

    @Option(help: ArgumentHelp("RFC 3339 instant to show the signals as of (default: now, moving).", valueName: "time"))
    var asOf: Timestamp?

    @Option(help: ArgumentHelp("""
        Close mode for the period ending on this date (YYYY-MM-DD): the status bar counts down to its cutoff, the \
        unbilled tile splits what was approved before the cutoff, the queue lists money at risk first. Cutoff time and \
        time zone come from `close:` in the configuration (default 24:00 UTC); with a `close:` calendar close mode is on \
        without this option.
        """, valueName: "date"))
    var close: CivilDate?

    func validate() throws {
        if let refresh, refresh < 1 { throw ValidationError("--refresh must be at least 1 second (got \(refresh))") }
        if let recompute, recompute < 1 { throw ValidationError("--recompute must be at least 1 second (got \(recompute))") }
        if let rotate, rotate < 1 { throw ValidationError("--rotate must be at least 1 second (got \(rotate))") }
    }

    /// Opens the log, loads theme and thresholds, and runs the console on `store` until the user quits.
    /// `dataClock` is the now signals are read as of and actions stamped with (simulated time in a simulating demo);
    /// `asOfIsTheDemos`: that clock or `fixedAsOf` is the demo's, which the status bar says unless `--as-of` overrides it.
    func runConsole(on store: any EventStore, fixedAsOf: Timestamp?,
                    dataClock: (@Sendable () -> Timestamp)? = nil, asOfIsTheDemos: Bool = false) async throws {
        let environment = ProcessEnvironment.current
        let logPath = logFile ?? FileLogHandler.defaultPath(environment: environment)
        let handler: FileLogHandler
        do { handler = try FileLogHandler(path: logPath, label: "signalbox") } catch {
            throw CommandFailure(.cannotCreate, error.description)
        }
        let logger = Logger(label: "signalbox") { _ in handler }
        var configuration: ConsoleConfiguration
        do { configuration = try ConsoleConfiguration.load(environment: environment) } catch {
            throw CommandFailure(.config, "\(error)")
        }
        if let close { configuration.close = (configuration.close ?? CloseCalendar()).only(close) }
        let chosenTheme: Theme
        do { chosenTheme = try ThemeCatalog.load(named: theme ?? configuration.theme, environment: environment) } catch {
            throw CommandFailure(.config, error.description)
        }
        let user = store.isReadOnly ? try await ActingUser.forReading(on: store) : try await ActingUser.forWriting(on: store)
        let settings = ConsoleSettings(
            storeName: store.displayName, userName: user, readOnly: store.isReadOnly,
            wall: wall, refreshInterval: .seconds(Int64(refresh ?? configuration.refreshSeconds)),
            recomputeInterval: .seconds(Int64(recompute ?? configuration.recomputeSeconds)),
            rotateInterval: .seconds(Int64(rotate ?? configuration.rotateSeconds)),
            window: window, fixedAsOf: asOf ?? fixedAsOf, asOfIsTheDemos: asOfIsTheDemos && asOf == nil,
            configuration: configuration)
        let terminalOptions = CursesTerminalOptions(colorMode: color, forceASCII: ascii,
                                                    standardErrorLogPath: logPath, environment: environment)
        do {
            try await ConsoleApp.run(store: store, settings: settings, theme: chosenTheme, terminalOptions: terminalOptions, logger: logger,
                                   dataClock: dataClock)
        } catch let error as TerminalError {
            throw CommandFailure(.ioError, error.message)
        }
    }
}
