import Glibc
import Synchronization

/// The signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT) that asked the process to stop, or 0. Set from signal handlers.
private let pendingTermination = Atomic<Int32>(0)

/// Bytes and terminal modes to restore the tty from inside a signal handler, where `endwin` is not safe.
/// Written only by `SignalTrap.install` before any handler is installed and by `uninstall` after all
/// handlers are removed; read only by the handlers. Plain values and raw memory: no reference counting.
private nonisolated(unsafe) var emergencyTermios = termios()
private nonisolated(unsafe) var emergencyBytes: UnsafeMutablePointer<UInt8>?
private nonisolated(unsafe) var emergencyByteCount = 0
/// The handlers in place before `install`, indexed by signal number, put back by `uninstall` and by the
/// crash handler (so the Swift runtime's crash reporter still runs).
private nonisolated(unsafe) let previousActions: UnsafeMutablePointer<sigaction> = {
    let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    actions.initialize(repeating: sigaction(), count: 65)
    return actions
}()

/// Restores the tty with async-signal-safe calls only: leave the alternate screen, show the cursor,
/// reset attributes (terminfo strings captured at start-up), then the saved line discipline.
private func emergencyRestore() {
    if let bytes = emergencyBytes { _ = write(STDOUT_FILENO, bytes, emergencyByteCount) }
    _ = tcsetattr(STDIN_FILENO, TCSANOW, &emergencyTermios)
}

/// Installs and removes the process signal handlers while curses owns the terminal.
///
/// - SIGINT, SIGTERM, SIGHUP, SIGQUIT (Ctrl-\): the first one is recorded; `readKey` returns `.terminate` and
///   the run loop unwinds normally through `endwin`. SIGQUIT is among them so that Ctrl-\ quits like Ctrl-C
///   instead of leaving the Swift runtime's crash report (and its 30 s prompt) over the console.
///   A second one means the loop is stuck: restore the tty and `_exit`.
/// - SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP (crashes, `fatalError`): restore the tty, then
///   re-deliver the signal to the handler that was there before (the Swift runtime's crash reporter, whose
///   output goes to the stderr log) or the default action, so the crash still happens and is reported.
enum SignalTrap {
    static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// The recorded termination signal, or `nil`.
    static var pendingSignal: Int32? {
        let signal = pendingTermination.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    /// Records that the terminal went away (hang-up seen on input) as if SIGHUP arrived.
    static func recordHangUp() {
        _ = pendingTermination.compareExchange(expected: 0, desired: SIGHUP, ordering: .relaxed)
    }

    /// Saves what an emergency restore needs, then installs the handlers. Call before curses starts,
    /// so ncurses keeps ours instead of installing its own for SIGINT/SIGTERM.
    static func install(savedTermios: termios, restoreSequence: [UInt8]) {
        pendingTermination.store(0, ordering: .relaxed)
        emergencyTermios = savedTermios
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, restoreSequence.count))
        bytes.initialize(from: restoreSequence, count: restoreSequence.count)
        emergencyBytes = bytes
        emergencyByteCount = restoreSequence.count
        for signalNumber in terminationSignals + fatalSignals {
            _ = sigaction(signalNumber, nil, previousActions + Int(signalNumber))
        }
        for signalNumber in terminationSignals {
            signal(signalNumber) { received in
                let (exchanged, _) = pendingTermination.compareExchange(expected: 0, desired: received, ordering: .relaxed)
                if !exchanged {
                    emergencyRestore()
                    _exit(128 + received)
                }
            }
        }
        for signalNumber in fatalSignals {
            signal(signalNumber) { received in
                emergencyRestore()
                _ = sigaction(received, previousActions + Int(received), nil)
                raise(received)
            }
        }
    }

    /// Puts the previous handlers back and frees the emergency data. Call after `endwin`.
    static func uninstall() {
        for signalNumber in terminationSignals + fatalSignals {
            _ = sigaction(signalNumber, previousActions + Int(signalNumber), nil)
        }
        emergencyBytes?.deallocate()
        emergencyBytes = nil
        emergencyByteCount = 0
    }
}
