import SignalboxCore

/// One signal's history: one value per sampled instant, oldest first, and what the values mean.
public struct TrendSeries: Equatable, Sendable, Codable {
    /// One value per instant, oldest first; `nil` where the signal had no value (empty population).
    public var values: [Int64?]
    /// What the span and spacing of the points are, for a caption: `48h hourly`, `30d daily`.
    public var periodLabel: String
    /// The unit of ``values``.
    public var unit: TrendUnit

    /// Creates a series.
    public init(values: [Int64?], periodLabel: String, unit: TrendUnit) {
        self.values = values
        self.periodLabel = periodLabel
        self.unit = unit
    }
}

/// The unit of a trend's values, and how to print one.
public enum TrendUnit: String, Sendable, Equatable, Codable {
    /// Whole seconds (latencies, ages).
    case seconds
    /// Whole percent, 0–100 (rates).
    case percent
    /// Whole hours (unbilled time).
    case hours
    /// A number of things.
    case count

    /// A compact rendering of `value`: `1m 30s`, `2h 05m`, `20d`, past a day `83d 6h` (as the tiles print durations,
    /// not `1998h 05m`), `97%`, `412h`, `17`. Thousands are not grouped here, unlike a tile's figures: a trend's range
    /// shares half a tile's row with its period, and at 80 columns ` 30d 9,526h–18,899h` would push the period out.
    /// From a million on, hours and counts keep three significant digits (`1.93Mh`, not `1930286h`): seven digits
    /// without grouping do not read at a glance, and the shorter range leaves room for the period.
    public func format(_ value: Int64) -> String {
        switch self {
        case .seconds:
            if value >= Self.day, value % Self.day != 0 {
                HumanDuration.format(.seconds(value))
            } else {
                SignalDuration.seconds(value).description
            }
        case .percent: "\(value)%"
        case .hours: "\(Self.significant(value))h"
        case .count: Self.significant(value)
        }
    }

    private static let day: Int64 = 86_400

    /// `value` in full below a million; from a million on, rounded half away from zero to three significant digits
    /// with a suffix: `1.93M`, `19.3M`, `193M`, `1.00G`, up to `9.22E`.
    private static func significant(_ value: Int64) -> String {
        let magnitude = value.magnitude
        guard magnitude >= 1_000_000 else { return String(value) }
        var digits = String(magnitude).count
        var scale: UInt64 = 1
        for _ in 0..<(digits - 3) { scale *= 10 }
        var leading = (magnitude + scale / 2) / scale   // 100...1000
        if leading == 1_000 { (leading, digits) = (100, digits + 1) }
        let group = (digits - 1) / 3                     // 2: millions, 3: billions, …
        let whole = digits - 3 * group                   // digits before the point: 1, 2 or 3
        var text = String(leading)
        if whole < 3 { text.insert(".", at: text.index(text.startIndex, offsetBy: whole)) }
        return (value < 0 ? "-" : "") + text + Self.suffixes[group - 2]
    }

    private static let suffixes = ["M", "G", "T", "P", "E"]
}

/// The one number per signal that a trend follows.
public enum TrendValue {
    /// The unit of ``of(_:in:)`` for each signal.
    public static func unit(of kind: SignalKind) -> TrendUnit {
        switch kind {
        case .activation, .timeToInvoice, .resolution, .invoiceToCash: .seconds
        case .provisioning, .amendments: .percent
        case .unbilled: .hours
        case .exceptions, .throughput, .reconciliation: .count
        }
    }

    /// The trend value of `kind` in `signals`:
    /// - activation: p90 latency in whole seconds (`nil` when nothing was activated in the window);
    /// - provisioning: success rate in whole percent, rounded half away from zero (`nil` without attempts);
    /// - amendments: accuracy in whole percent (`nil` without amendments);
    /// - unbilled: unbilled approved hours summed over all currencies (hours, unlike amounts, add up
    ///   across currencies), rounded to whole hours;
    /// - exceptions: the number of open exceptions;
    /// - time to invoice, resolution time, invoice to cash: their p90 in whole seconds (`nil` over an empty population);
    /// - throughput: the events in the window;
    /// - reconciliation: the rows the five controls find (entries, lines, milestones, contracts).
    public static func of(_ kind: SignalKind, in signals: GoldenSignals) -> Int64? {
        switch kind {
        case .activation: signals.activation.p90?.seconds
        case .provisioning: signals.provisioning.successRate.map(percent)
        case .amendments: signals.amendments.accuracy.map(percent)
        case .unbilled: signals.unbilled.values.reduce(ExactDecimal.zero) { $0 + $1.total.hours }
            .rounded(toPlaces: 0).units / ExactDecimal.unitsPerOne
        case .exceptions: Int64(signals.exceptions.open)
        case .timeToInvoice: signals.timeToInvoice.p90?.seconds
        case .resolution: signals.resolution.overall.p90?.seconds
        case .invoiceToCash: signals.invoiceToCash.latency.p90?.seconds
        case .throughput: Int64(signals.throughput.events)
        case .reconciliation: Int64(ReconciliationControl.findings(in: signals.reconciliation))
        }
    }

    private static func percent(_ rate: Ratio) -> Int64 {
        (rate.rounded * ExactDecimal(100)).rounded(toPlaces: 0).units / ExactDecimal.unitsPerOne
    }
}
