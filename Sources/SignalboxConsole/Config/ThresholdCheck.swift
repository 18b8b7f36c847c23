import SignalboxCore
import SignalboxTerminal

/// The signals judged against the thresholds the way monitoring plugins (Nagios, Icinga) report: one status
/// line, performance data, and exit 0 OK, 1 WARNING, 2 CRITICAL (3 UNKNOWN is for a store that cannot be read).
///
/// ```swift
/// let check = ThresholdCheck(thresholds: configuration.thresholds, signals: signals)
/// print(check.output)   // SIGNALBOX WARNING - exceptions: open 11 (warning above 10) | activation_p90=…
/// exit(check.exitCode)
/// ```
public struct ThresholdCheck: Equatable, Sendable {
    /// Every limited figure of every signal, in dashboard order.
    public let readings: [LimitReading]
    /// The worst health over all signals (`.unknown` counts as fine: an empty population is no alarm).
    public let status: SignalHealth

    /// The signals judged: those whose sections `signals` holds.
    public let kinds: [SignalKind]

    /// Judges `signals` against `thresholds`, only the signals whose sections they hold.
    public init(thresholds: Thresholds, signals: GoldenSignals) {
        kinds = SignalKind.allCases.filter { $0.isRead(in: signals) }
        readings = kinds.flatMap { thresholds.readings(of: $0, in: signals) }
        status = max(.ok, kinds.map { thresholds.health(of: $0, in: signals) }.max() ?? .ok)
    }

    /// 0 OK, 1 WARNING, 2 CRITICAL.
    public var exitCode: Int32 {
        switch status {
        case .unknown, .ok: 0
        case .warn: 1
        case .breach: 2
        }
    }

    /// `SIGNALBOX CRITICAL - exceptions: open 93 (critical above 50); … | label=value;warn;crit …`.
    public var output: String {
        let word = status == .breach ? "CRITICAL" : status == .warn ? "WARNING" : "OK"
        // The signals with a figure past a limit, worst first; each names its failing figures.
        let failing = Dictionary(grouping: readings.filter { $0.health >= .warn }, by: \.kind)
            .sorted { ($1.value.map(\.health).max() ?? .ok, $0.key.position) < ($0.value.map(\.health).max() ?? .ok, $1.key.position) }
        let text = failing.isEmpty
            ? "\(kinds.count) signals within thresholds"
            : failing.map { kind, figures in
                "\(kind.title.lowercased()): " + figures.sorted { $0.health > $1.health }.map(\.summary).joined(separator: ", ")
            }.joined(separator: "; ")
        return "SIGNALBOX \(word) - \(text) | " + readings.map(\.performanceData).joined(separator: " ")
    }

    /// The status line for a store or configuration that cannot be read (exit 3): the reason's first line only,
    /// sanitised (a server's error message or a file name may carry escape sequences).
    public static func unknown(_ reason: String) -> String {
        let firstLine = reason.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return "SIGNALBOX UNKNOWN - " + TerminalSafeText.sanitize(firstLine)
    }

    /// The exit code of ``unknown(_:)``.
    public static let unknownExitCode: Int32 = 3
}
