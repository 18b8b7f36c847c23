import Foundation

/// The console's settings, from `$XDG_CONFIG_HOME/signalbox/config.yaml` (or `~/.config/signalbox/config.yaml`).
///
/// Every key is optional; a missing file means ``defaults``. Unknown keys, wrong types, negative
/// limits and a warn limit worse than its breach limit are errors naming file, key and reason.
///
/// ```yaml
/// refreshSeconds: 2          # whole seconds between refreshes, at least 1
/// recomputeSeconds: 10       # while a writer is busy, whole seconds between recomputes, at least 1
/// rotateSeconds: 15          # wall mode: seconds per screen, at least 1
/// theme: dark                # a theme name (see Themes/README.md)
/// thresholds:                # "above warn" warns, "above breach" breaches; equal is still fine
///   activation:
///     p90:           {warn: 24h, breach: 72h}    # durations: 90s, 30m, 36h, 7d, 2w or whole seconds
///     pending:       {warn: 10,  breach: 25}     # counts: whole numbers ≥ 0
///     oldestPending: {warn: 3d,  breach: 7d}
///   provisioning:                                # rates: decimals in [0, 1]; *below* the floor is worse
///     successRate:   {warn: 0.95, breach: 0.85}
///     firstPassRate: {warn: 0.90, breach: 0.75}
///   amendments:
///     accuracy:      {warn: 0.95, breach: 0.85}
///   unbilled:                                    # amounts: exact decimals ≥ 0, per currency
///     amount31to60:  {warn: 10000, breach: 50000}
///     amount61Plus:  {warn: 0,     breach: 10000}
///   exceptions:
///     open:          {warn: 10, breach: 50}
///     oldestOpen:    {warn: 1d, breach: 3d}
///   timeToInvoice:
///     p90:           {warn: 14d, breach: 30d}
///   resolution:
///     p90:           {warn: 3d, breach: 7d}
///   invoiceToCash:
///     p90:           {warn: 45d, breach: 60d}
///     outstanding:   {warn: 1000000, breach: 5000000}   # per currency
///   throughput:                                  # a floor: *fewer* events in the window is worse
///     events:        {warn: 1, breach: 0}
/// close:                     # close mode (also `--close DATE`): countdown, unbilled split, money at risk first
///   timeZone: Europe/Berlin  # IANA name; default UTC
///   cutoff: "18:00"          # on each period's last day, 00:00-24:00; default 24:00
///   periodEnds: [2026-10-30, 2026-11-30, 2026-12-31]
/// ```
/// A limit may give only `warn` or only `breach`; the other keeps its default (and the pair must still be ordered).
public struct ConsoleConfiguration: Equatable, Sendable {
    /// Seconds between refreshes of the signals; at least 1.
    public var refreshSeconds: Int
    /// Least seconds between two recomputes the store's changes start; at least 1.
    public var recomputeSeconds: Int
    /// Seconds each screen stays up in wall mode; at least 1.
    public var rotateSeconds: Int
    /// The theme name to load with ``ThemeCatalog``.
    public var theme: String
    /// Warn and breach limits of the golden signals.
    public var thresholds: Thresholds
    /// The finance calendar of close mode; nil: close mode only with `--close DATE`.
    public var close: CloseCalendar?

    /// Creates a configuration.
    public init(refreshSeconds: Int, recomputeSeconds: Int = 10, rotateSeconds: Int, theme: String, thresholds: Thresholds) {
        self.refreshSeconds = refreshSeconds
        self.recomputeSeconds = recomputeSeconds
        self.rotateSeconds = rotateSeconds
        self.theme = theme
        self.thresholds = thresholds
    }

    /// Check for changes every 2 s, recompute at most every 10 s while a writer is busy, rotate every 15 s, the `dark` theme, ``Thresholds/defaults``.
    public static let defaults = ConsoleConfiguration(
        refreshSeconds: 2, rotateSeconds: 15, theme: Theme.defaultName, thresholds: .defaults)

    /// The configuration file's path for `environment`, or `nil` when no config directory is known.
    public static func filePath(environment: [String: String]) -> String? {
        ConfigDirectory.path(environment: environment).map { ConfigDirectory.join($0, "config.yaml") }
    }

    /// Loads the user's configuration file; ``defaults`` when there is none.
    public static func load(environment: [String: String]) throws(ConfigurationError) -> ConsoleConfiguration {
        guard let path = filePath(environment: environment), FileManager.default.fileExists(atPath: path) else {
            return .defaults
        }
        return try load(file: path)
    }

    /// Loads and validates the configuration file at `path`.
    public static func load(file path: String) throws(ConfigurationError) -> ConsoleConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: path, key: "", reason: "cannot read: \(error.localizedDescription)")
        }
        return try ConsoleConfiguration(yaml: text, file: path)
    }

    /// Parses and validates configuration text; `file` only labels errors.
    public init(yaml: String, file: String) throws(ConfigurationError) {
        do throws(YAMLFieldError) {
            self = try ConfigurationReader.configuration(from: YAMLNode(parsing: yaml))
        } catch {
            throw ConfigurationError(file: file, key: error.key, reason: error.reason)
        }
    }
}
