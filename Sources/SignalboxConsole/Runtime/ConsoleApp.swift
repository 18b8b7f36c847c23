import Foundation
import Logging
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// Runs the interactive console on a store until the user quits or the process is told to stop.
///
/// The UI loop owns the terminal on a thread of its own; store queries run as Swift tasks (`EffectRunner`)
/// and come back through an inbox that wakes the loop. Idle, the loop sleeps in `readKey` until the next
/// refresh tick, and redraws only when the state changed.
///
/// ```swift
/// try await ConsoleApp.run(store: store, settings: settings, theme: .builtInDefault,
///                          terminalOptions: CursesTerminalOptions(), logger: logger)
/// ```
///
/// `clock` is the wall clock (ticks, data age); `dataClock` is the "now" signals are read as of and actions are
/// stamped with (a simulated clock in a simulating demo; default: `clock`).
public enum ConsoleApp {
    public static func run(store: any ConsoleStore, settings: ConsoleSettings, theme: Theme, terminalOptions: CursesTerminalOptions,
                           logger: Logger, clock: @escaping @Sendable () -> Timestamp = SystemClock.now,
                           dataClock: (@Sendable () -> Timestamp)? = nil) async throws {
        ConsoleMemory.useOneArena()
        let result: Result<Void, any Error> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result {
                    try CursesTerminal.run(options: terminalOptions) { terminal in
                        var loop = UILoop(terminal: terminal, store: store, settings: settings, theme: theme,
                                          environment: terminalOptions.environment, logger: logger, clock: clock,
                                          dataClock: dataClock ?? clock)
                        loop.run()
                    }
                })
            }
            thread.name = "signalbox-ui"
            thread.start()
        }
        try result.get()
    }
}

/// The loop: draw if needed, wait for a key / an effect / the next tick, feed messages to `update`.
private struct UILoop {
    let terminal: CursesTerminal
    let inbox: Inbox
    let runner: EffectRunner
    let clock: @Sendable () -> Timestamp
    let logger: Logger
    var state: ConsoleState
    var theme: Theme
    var needsDraw = true

    init(terminal: CursesTerminal, store: any ConsoleStore, settings: ConsoleSettings, theme: Theme,
         environment: [String: String], logger: Logger, clock: @escaping @Sendable () -> Timestamp,
         dataClock: @escaping @Sendable () -> Timestamp) {
        self.terminal = terminal
        self.clock = clock
        self.logger = logger
        self.theme = theme
        let waker = terminal.waker
        inbox = Inbox { waker.wake() }
        runner = EffectRunner(store: store, settings: settings, clock: clock, dataClock: dataClock, environment: environment, inbox: inbox, logger: logger)
        state = ConsoleState(settings: settings, size: terminal.size, now: clock(), themeName: theme.name)
    }

    mutating func run() {
        logger.info("console started on \(state.settings.storeName) (read-only: \(state.settings.readOnly))")
        let (started, effects) = ConsoleUpdate.start(state)
        state = started
        effects.forEach(runner.run)
        let tickMilliseconds = Int(min(state.settings.refreshInterval, state.settings.wall ? state.settings.rotateInterval : .days(1)).seconds) * 1000
        var nextTick = Monotonic.milliseconds() + tickMilliseconds
        while !state.quitRequested {
            if needsDraw {
                terminal.draw(ConsoleView.render(state, size: terminal.size, theme: theme, lineSet: terminal.capabilities.lineSet))
                needsDraw = false
            }
            var messages: [ConsoleMessage] = []
            switch terminal.readKey(timeoutMilliseconds: max(0, nextTick - Monotonic.milliseconds())) {
            case .resize?: messages.append(.resized(terminal.size))
            case let key?: messages.append(.key(key))
            case nil: break
            }
            messages += inbox.drain()
            if Monotonic.milliseconds() >= nextTick {
                messages.append(.tick(now: clock()))
                nextTick = Monotonic.milliseconds() + tickMilliseconds
            }
            for message in messages { apply(message) }
        }
        logger.info("console closed")
    }

    private mutating func apply(_ message: ConsoleMessage) {
        if case .themeLoaded(let loaded, _) = message {
            theme = loaded
            needsDraw = true
        }
        let (next, effects) = ConsoleUpdate.update(state, message)
        if next != state { needsDraw = true }
        state = next
        effects.forEach(runner.run)
    }
}

/// Milliseconds of a clock that never jumps (for scheduling ticks, not for data).
enum Monotonic {
    static func milliseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int(spec.tv_sec) * 1000 + Int(spec.tv_nsec) / 1_000_000
    }
}
