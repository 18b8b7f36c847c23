import CNcursesw
import Glibc
import Synchronization

/// The ncurses backend: owns the screen, draws `Buffer`s (only what changed) and reads keys.
///
/// Threading rule: curses is not thread-safe. A `CursesTerminal` exists only inside `run`, on the thread that
/// called `run`, and is deliberately not `Sendable`, so the compiler keeps it there. Other tasks talk to the
/// UI loop through your own inbox plus `waker`, which *is* `Sendable`.
///
/// ```swift
/// try CursesTerminal.run(options: CursesTerminalOptions(forceASCII: ascii)) { terminal in
///     var needsDraw = true
///     while true {
///         if needsDraw { terminal.draw(render(state, terminal.size, terminal.capabilities)) }
///         switch terminal.readKey(timeoutMilliseconds: 1000) {
///         case .terminate?, .character("q")?: return
///         case .resize?: needsDraw = true
///         case let key?: needsDraw = handle(key)
///         case nil: needsDraw = drainInbox()   // timeout or woken
///         }
///     }
/// }
/// ```
public final class CursesTerminal {
    /// Colour tier, line set and UTF-8 support chosen at start-up.
    public let capabilities: TerminalCapabilities
    /// The current screen size; updated when `readKey` returns `.resize`.
    public private(set) var size: Size
    /// Hand this to background work so it can interrupt a waiting `readKey`.
    public let waker: TerminalWaker

    private let wakePipe: WakePipe
    private var pairs: ColorPairTable
    private var previousFrame: Buffer?

    init(capabilities: TerminalCapabilities, wakePipe: WakePipe) {
        self.capabilities = capabilities
        self.wakePipe = wakePipe
        self.waker = TerminalWaker(pipe: wakePipe)
        self.pairs = ColorPairTable(capacity: capabilities.colorTier == .none ? 0 : Int(sb_color_pairs()))
        self.size = CursesTerminal.screenSize()
    }

    /// The signal that asked the process to stop (SIGINT, SIGTERM, SIGHUP, SIGQUIT), once `readKey` returned `.terminate`.
    public var terminationSignal: Int32? { SignalTrap.pendingSignal }

    /// `true` once a stop was requested; the run loop should return.
    public var terminationRequested: Bool { terminationSignal != nil }

    /// Redraws every cell on the next `draw` (e.g. after something else wrote on the screen).
    public func requestFullRepaint() {
        previousFrame = nil
    }

    /// Writes `buffer` to the screen, sending only cells that differ from the previous frame.
    /// Cells outside the screen are ignored.
    public func draw(_ buffer: Buffer) {
        if previousFrame == nil { clearok(sb_stdscr(), true) }
        for run in Buffer.diff(from: previousFrame, to: buffer) where run.y < size.height {
            for (offset, cell) in run.cells.enumerated() where run.x + offset < size.width {
                write(cell, x: run.x + offset, y: run.y)
            }
        }
        wnoutrefresh(sb_stdscr())
        doupdate()
        previousFrame = buffer
    }

    /// Waits up to `timeoutMilliseconds` for a key without using CPU.
    ///
    /// Returns `nil` on timeout, and early when `waker` was used or an unrelated signal arrived: treat `nil`
    /// as "check your inbox". Returns `.resize` after a terminal resize (`size` is already updated) and
    /// `.terminate` once SIGINT/SIGTERM/SIGHUP/SIGQUIT arrived or the terminal hung up.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        if terminationRequested { return .terminate }
        if let key = readPendingKey() { return key }
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, 2, Int32(clamping: max(0, timeoutMilliseconds)))
        if terminationRequested { return .terminate }
        if ready < 0 { return readPendingKey() }  // interrupted, e.g. SIGWINCH: curses reports KEY_RESIZE
        if descriptors[1].revents != 0 { wakePipe.drain() }
        if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            SignalTrap.recordHangUp()
            return .terminate
        }
        return descriptors[0].revents != 0 ? readPendingKey() : nil
    }

    /// A colour pair for `colors` from the session's table (`nil` when all pairs are in use).
    func allocatePair(for colors: ColorPairTable.Colors) -> (number: Int32, isNew: Bool)? {
        pairs.pair(for: colors)
    }

    /// Reads one key curses already has or can read without waiting.
    private func readPendingKey() -> Key? {
        wtimeout(sb_stdscr(), 0)
        var character: wint_t = 0
        let status = wget_wch(sb_stdscr(), &character)
        let input: WideCharacterInput = switch status {
        case OK: .character(UInt32(character))
        case sb_key_code_yes(): .keyCode(Int32(bitPattern: character))
        default: .none
        }
        let key = Key.decode(input, codes: .fromCurses)
        if key == .resize {
            size = CursesTerminal.screenSize()
            previousFrame = nil
        }
        return key
    }

    private static func screenSize() -> Size {
        Size(width: Int(sb_getmaxx(sb_stdscr())), height: Int(sb_getmaxy(sb_stdscr())))
    }
}

extension CursesKeyCodes {
    /// The values of the `KEY_*` macros as compiled into the curses headers.
    static var fromCurses: CursesKeyCodes {
        CursesKeyCodes(
            down: sb_key_down(), up: sb_key_up(), left: sb_key_left(), right: sb_key_right(),
            home: sb_key_home(), end: sb_key_end(), backspace: sb_key_backspace(), f0: sb_key_f0(),
            delete: sb_key_dc(), pageDown: sb_key_npage(), pageUp: sb_key_ppage(), enter: sb_key_enter(),
            backTab: sb_key_btab(), resize: sb_key_resize()
        )
    }
}
