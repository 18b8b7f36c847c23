/// The five golden signals, in dashboard order.
public enum SignalKind: String, CaseIterable, Sendable, Hashable {
    /// Contract activation latency (signal 1).
    case activation
    /// Project provisioning success (signal 2).
    case provisioning
    /// Amendment propagation accuracy (signal 3).
    case amendments
    /// Unbilled approved time (signal 4).
    case unbilled
    /// Exception backlog (signal 5).
    case exceptions

    /// A short human title: `Activation latency`, `Provisioning`, …
    public var title: String {
        switch self {
        case .activation: "Activation latency"
        case .provisioning: "Provisioning"
        case .amendments: "Amendment accuracy"
        case .unbilled: "Unbilled time"
        case .exceptions: "Exceptions"
        }
    }
}

/// How a signal stands against its thresholds.
///
/// Ordered by severity: `.unknown < .ok < .warn < .breach`, so `max` of several is the worst known one.
public enum SignalHealth: Int, Comparable, CaseIterable, Sendable {
    /// Nothing to judge: the population the signal is computed over is empty.
    case unknown
    /// Within thresholds.
    case ok
    /// Past the warn threshold.
    case warn
    /// Past the breach threshold.
    case breach

    /// Compares by severity.
    public static func < (lhs: SignalHealth, rhs: SignalHealth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The worst of `parts`; `.unknown` when there are none or all are unknown.
    public static func worst(_ parts: [SignalHealth]) -> SignalHealth { parts.max() ?? .unknown }

    /// The theme role this health is drawn in.
    public var themeRole: ThemeRole {
        switch self {
        case .unknown: .unknown
        case .ok: .ok
        case .warn: .warn
        case .breach: .breach
        }
    }
}
