import ArgumentParser
import SignalboxCore

/// `--as-of` and `--window`, shared by the commands that compute signals (`signals`, `reconcile`).
struct WindowOptions: ParsableArguments {
    @Option(help: ArgumentHelp("RFC 3339 instant to compute as of (default: now).", valueName: "time"))
    var asOf: Timestamp?

    @Option(help: ArgumentHelp("Window length: 90s, 30m, 36h, 7d, 2w.", valueName: "length"))
    var window: SignalDuration = .days(7)
}
