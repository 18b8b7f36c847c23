import Foundation

/// How `CursesTerminal.run` sets up the terminal.
public struct CursesTerminalOptions: Sendable {
    /// `--color auto|always|never`.
    public var colorMode: ColorMode
    /// `--ascii`: draw lines with `+-|` even in a UTF-8 locale.
    public var forceASCII: Bool
    /// Where stderr goes while curses runs (appended); `nil` sends it to `/dev/null`.
    public var standardErrorLogPath: String?
    /// The environment used for colour detection (`TERM`, `COLORTERM`, `NO_COLOR`).
    public var environment: [String: String]
    /// How long curses waits after ESC for the rest of an escape sequence.
    public var escapeDelayMilliseconds: Int

    /// Creates options; by default colours follow the terminal, lines follow the locale, stderr is discarded.
    public init(
        colorMode: ColorMode = .auto,
        forceASCII: Bool = false,
        standardErrorLogPath: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        escapeDelayMilliseconds: Int = 25
    ) {
        self.colorMode = colorMode
        self.forceASCII = forceASCII
        self.standardErrorLogPath = standardErrorLogPath
        self.environment = environment
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
    }
}
