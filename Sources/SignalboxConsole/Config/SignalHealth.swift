/// The golden signals, in dashboard order: the five of v1 on the first page, the four of v2 and v3's
/// reconciliation on the second.
public enum SignalKind: String, CaseIterable, Sendable, Hashable, Codable, CodingKeyRepresentable {
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
    /// Time from approved time to its first invoice (signal 6).
    case timeToInvoice
    /// Exception resolution time (signal 7).
    case resolution
    /// Invoice to cash, and outstanding receivables (signal 8).
    case invoiceToCash
    /// Events stored in the window by source (signal 9).
    case throughput
    /// Money the billing-reconciliation controls find wrong, per control and currency (signal 10).
    case reconciliation

    /// The first dashboard page: the front of the flow (signals 1–5).
    public static let firstPage: [SignalKind] = [.activation, .provisioning, .amendments, .unbilled, .exceptions]
    /// The second dashboard page: the back of the flow (signals 6–10).
    public static let secondPage: [SignalKind] = [.timeToInvoice, .resolution, .invoiceToCash, .throughput, .reconciliation]

    /// A short human title: `Activation latency`, `Provisioning`, …
    public var title: String {
        switch self {
        case .activation: "Activation latency"
        case .provisioning: "Provisioning"
        case .amendments: "Amendment accuracy"
        case .unbilled: "Unbilled time"
        case .exceptions: "Exceptions"
        case .timeToInvoice: "Time to invoice"
        case .resolution: "Resolution time"
        case .invoiceToCash: "Invoice to cash"
        case .throughput: "Throughput"
        case .reconciliation: "Reconciliation"
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
