import CNcursesw
import Glibc
import Synchronization

/// `true` while a `CursesTerminal.run` is in progress (curses supports one screen per process here).
private let sessionActive = Atomic<Bool>(false)

extension CursesTerminal {
    /// Starts curses, runs `body` with the terminal, and always restores the terminal afterwards.
    ///
    /// Set-up: `setlocale(LC_ALL, "")`, stderr redirected to `options.standardErrorLogPath` (or `/dev/null`),
    /// `newterm` on stdin/stdout, cbreak, no echo, keypad, hidden cursor, colours when the detected tier allows
    /// (`start_color` + `use_default_colors`), SIGINT/SIGTERM/SIGHUP/SIGQUIT turned into `Key.terminate`, and crash
    /// signals restoring the tty before the process dies.
    ///
    /// Tear-down, on return *and* on a thrown error: `endwin`, signal handlers reset, stderr restored, so an
    /// error printed by the caller afterwards is visible.
    ///
    /// - Throws: `TerminalError` when stdin/stdout is not a terminal, another session is running, or curses
    ///   cannot start (unknown `TERM`); otherwise whatever `body` throws.
    public static func run<T>(options: CursesTerminalOptions = CursesTerminalOptions(), _ body: (CursesTerminal) throws -> T) throws -> T {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError("the console needs a terminal: standard input and output must both be a tty")
        }
        guard sessionActive.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            throw TerminalError("a terminal session is already running in this process")
        }
        defer { sessionActive.store(false, ordering: .releasing) }

        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        var cookedModes = termios()
        _ = tcgetattr(STDIN_FILENO, &cookedModes)
        let wakePipe = try WakePipe()
        let standardError = try StandardErrorRedirect(logPath: options.standardErrorLogPath)
        guard let screen = sb_newterm() else {
            standardError.restore()
            let term = options.environment["TERM"] ?? ""
            throw TerminalError("curses cannot drive this terminal (TERM=\(term.isEmpty ? "unset" : term)); try TERM=xterm or TERM=vt100")
        }
        configureInput(escapeDelayMilliseconds: options.escapeDelayMilliseconds)
        let tier = startColors(environment: options.environment, mode: options.colorMode)
        SignalTrap.install(savedTermios: cookedModes, restoreSequence: restoreSequence())
        defer {
            endwin()
            delscreen(screen)
            SignalTrap.uninstall()
            standardError.restore()
        }
        let capabilities = TerminalCapabilities.resolve(codeset: codeset, forceASCII: options.forceASCII, colorTier: tier)
        return try body(CursesTerminal(capabilities: capabilities, wakePipe: wakePipe))
    }

    private static func configureInput(escapeDelayMilliseconds: Int) {
        cbreak()
        noecho()
        nonl()
        intrflush(sb_stdscr(), false)
        keypad(sb_stdscr(), true)
        defineAlternativeKeySequences()
        curs_set(0)
        set_escdelay(Int32(clamping: escapeDelayMilliseconds))
    }

    /// Detects the tier and starts curses colours if any; returns the tier curses can really show.
    private static func startColors(environment: [String: String], mode: ColorMode) -> ColorTier {
        let wanted = ColorTier.detect(environment: environment, terminfoColors: Int(tigetnum("colors")), mode: mode)
        guard wanted > .none, has_colors(), start_color() == OK else { return .none }
        _ = use_default_colors()
        return min(wanted, ColorTier.fromColorCount(Int(sb_colors())))
    }

    /// The terminfo strings that undo curses' screen state (alternate screen, hidden cursor, attributes).
    private static func restoreSequence() -> [UInt8] {
        ["rmcup", "cnorm", "sgr0"].flatMap { name -> [UInt8] in
            guard let value = sb_tigetstr(name) else { return [] }
            return Array(String(cString: value).utf8)
        }
    }
}
