import SignalboxCore

/// One figure of a signal judged against its limit: what the console colours and `signals --check` reports
/// (as monitoring-plugin performance data, `label=value;warn;crit`).
public struct LimitReading: Equatable, Sendable {
    /// The signal the figure belongs to.
    public var kind: SignalKind
    /// The performance-data label: `activation_p90`, `unbilled_61_plus_EUR`.
    public var label: String
    /// The figure with its unit (`71880s`, `0.9714`, `11`), or nil over an empty population (`U`).
    public var value: String?
    /// The warn and critical limits as monitoring-plugin ranges: `86400` (alert above), `0.95:` (alert below).
    public var warn: String
    public var critical: String
    /// The figure against its limits.
    public var health: SignalHealth
    /// For people: `open 93 (critical above 50)`.
    public var summary: String

    /// `label=value;warn;crit`.
    public var performanceData: String { "\(label)=\(value ?? "U");\(warn);\(critical)" }
}

extension Thresholds {
    /// Every limited figure of `kind` in `signals`, judged.
    public func readings(of kind: SignalKind, in signals: GoldenSignals) -> [LimitReading] {
        let reading = ReadingMaker(kind: kind)
        switch kind {
        case .activation:
            let signal = signals.activation
            return [reading.duration("activation_p90", "p90", signal.p90, activation.p90),
                    reading.count("activation_pending", "pending", signal.pending, activation.pending),
                    reading.duration("activation_oldest_pending", "oldest pending", signal.oldestPending, activation.oldestPending)]
        case .provisioning:
            return [reading.rate("provisioning_success_rate", "success", signals.provisioning.successRate, provisioning.successRate),
                    reading.rate("provisioning_first_pass_rate", "first pass", signals.provisioning.firstPassRate,
                                 provisioning.firstPassRate)]
        case .amendments:
            return [reading.rate("amendment_accuracy", "accuracy", signals.amendments.accuracy, amendments.accuracy)]
        case .unbilled:
            return signals.unbilled.sorted { $0.key < $1.key }.flatMap { currency, time in
                [reading.amount("unbilled_31_60_", "31-60d", currency, time[.upTo60].amount, unbilled.amount31to60),
                 reading.amount("unbilled_61_plus_", "61+d", currency, time[.over60].amount, unbilled.amount61Plus)]
            }
        case .exceptions:
            return [reading.count("exceptions_open", "open", signals.exceptions.open, exceptions.open),
                    reading.duration("exceptions_oldest_open", "oldest open", signals.exceptions.oldestOpen, exceptions.oldestOpen)]
        case .timeToInvoice:
            return [reading.duration("time_to_invoice_p90", "p90", signals.timeToInvoice.p90, timeToInvoice.p90)]
        case .resolution:
            return [reading.duration("resolution_p90", "p90", signals.resolution.overall.p90, resolution.p90)]
        case .invoiceToCash:
            return [reading.duration("invoice_to_cash_p90", "p90", signals.invoiceToCash.latency.p90, invoiceToCash.p90)]
                + signals.invoiceToCash.outstanding.sorted { $0.key < $1.key }.map { currency, owed in
                    reading.amount("outstanding_", "outstanding", currency, owed.amount, invoiceToCash.outstanding)
                }
        case .throughput:
            return [reading.floor("throughput_events", "events", signals.throughput.events, throughput.events)]
        case .reconciliation:
            return ReconciliationControl.allCases.flatMap { control in
                control.atRisk(in: signals.reconciliation).sorted { $0.key < $1.key }.map { currency, amount in
                    reading.amount("reconciliation_\(control.key)_", control.title.lowercased(), currency, amount,
                                   reconciliation[control])
                }
            }
        }
    }
}

/// Builds the readings of one signal.
private struct ReadingMaker {
    let kind: SignalKind

    func duration(_ label: String, _ name: String, _ value: SignalDuration?, _ limit: CeilingLimit<SignalDuration>) -> LimitReading {
        let health = value.map(limit.health(of:)) ?? .unknown
        return LimitReading(
            kind: kind, label: label, value: value.map { "\($0.seconds)s" }, warn: String(limit.warn.seconds),
            critical: String(limit.breach.seconds), health: health,
            summary: "\(name) \(SignalFigures.duration(value))" + ceilingNote(health, warn: limit.warn.description, breach: limit.breach.description))
    }

    func count(_ label: String, _ name: String, _ value: Int, _ limit: CeilingLimit<Int>) -> LimitReading {
        let health = limit.health(of: value)
        return LimitReading(kind: kind, label: label, value: String(value), warn: String(limit.warn), critical: String(limit.breach),
                            health: health, summary: "\(name) \(value)" + ceilingNote(health, warn: "\(limit.warn)", breach: "\(limit.breach)"))
    }

    func amount(_ labelPrefix: String, _ name: String, _ currency: String, _ value: ExactDecimal,
                _ limit: CeilingLimit<ExactDecimal>) -> LimitReading {
        amount(labelPrefix, name, currency, ExactProduct(value), limit)
    }

    /// An exact amount (§10's eight decimals) judged exactly, shown rounded to cents.
    func amount(_ labelPrefix: String, _ name: String, _ currency: String, _ exact: ExactProduct,
                _ limit: CeilingLimit<ExactDecimal>) -> LimitReading {
        let health = CeilingLimit(warn: ExactProduct(limit.warn), breach: ExactProduct(limit.breach)).health(of: exact)
        let value = exact.rounded(toPlaces: 2)
        // A currency from the store is untrusted: the label keeps letters and digits only.
        let code = String(currency.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        return LimitReading(
            kind: kind, label: labelPrefix + code, value: SignalFigures.money(value), warn: SignalFigures.money(limit.warn),
            critical: SignalFigures.money(limit.breach), health: health,
            summary: "\(name) \(SignalFigures.amount(value, currency: code))"
                + ceilingNote(health, warn: SignalFigures.grouped(limit.warn), breach: SignalFigures.grouped(limit.breach)))
    }

    func rate(_ label: String, _ name: String, _ value: Ratio?, _ limit: RateFloor) -> LimitReading {
        let health = limit.health(of: value)
        let note = health == .breach ? " (critical below \(SignalFigures.percent(limit.breach)))"
            : health == .warn ? " (warning below \(SignalFigures.percent(limit.warn)))" : ""
        return LimitReading(
            kind: kind, label: label, value: value.map { $0.rounded.formatted(minimumFractionDigits: 1) },
            warn: limit.warn.formatted(minimumFractionDigits: 1) + ":", critical: limit.breach.formatted(minimumFractionDigits: 1) + ":",
            health: health, summary: "\(name) \(SignalFigures.percent(value))" + note)
    }

    func floor(_ label: String, _ name: String, _ value: Int, _ limit: CountFloor) -> LimitReading {
        let health = limit.health(of: value)
        let note = health == .breach ? " (critical below \(limit.breach))" : health == .warn ? " (warning below \(limit.warn))" : ""
        return LimitReading(kind: kind, label: label, value: String(value), warn: "\(limit.warn):", critical: "\(limit.breach):",
                            health: health, summary: "\(name) \(value)" + note)
    }

    private func ceilingNote(_ health: SignalHealth, warn: String, breach: String) -> String {
        health == .breach ? " (critical above \(breach))" : health == .warn ? " (warning above \(warn))" : ""
    }
}

extension SignalFigures {
    /// A rate floor as a percentage: 0.95 → `95.00%`.
    static func percent(_ floor: ExactDecimal) -> String { percent(Ratio(Int(floor.units), over: Int(ExactDecimal.unitsPerOne))) }
}
