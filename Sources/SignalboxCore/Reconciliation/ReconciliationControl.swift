/// One control of golden-signals.md §10, as `signalbox reconcile`, the console's drill-down, the thresholds and
/// `/metrics` name it.
public enum ReconciliationControl: String, CaseIterable, Sendable, Hashable {
    case rateLeakage = "rate-leakage"
    case billingMismatch = "billing-mismatch"
    case doubleBilled = "double-billed"
    case unbilledMilestones = "unbilled-milestones"
    case overContractValue = "over-contract-value"

    /// The key of `signals --json`'s `reconciliation` object and the `control` label of `/metrics`: `rate_leakage`, …
    public var key: String { rawValue.replacingOccurrences(of: "-", with: "_") }

    /// The key under the configuration's `thresholds: reconciliation:`, camel case like the file's other keys:
    /// `rateLeakage`, …
    public var configurationKey: String {
        let words = rawValue.split(separator: "-")
        return String(words[0]) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// For people: `Rate leakage`, …
    public var title: String {
        switch self {
        case .rateLeakage: "Rate leakage"
        case .billingMismatch: "Billing mismatch"
        case .doubleBilled: "Double billed"
        case .unbilledMilestones: "Unbilled milestones"
        case .overContractValue: "Over contract value"
        }
    }

    /// The money this control finds wrong in each currency, exact, by direction: for rate leakage and billing
    /// mismatch the directions of §10 (`under`, `over`, `unapproved`); for the others the way the money is wrong:
    /// double billing and billing beyond the contract value `over`, unbilled milestones `under`. Only directions
    /// with an amount above zero.
    public func amounts(in signal: Reconciliation) -> [String: [String: ExactProduct]] {
        var result: [String: [String: ExactProduct]] = [:]
        func add(_ currency: String, _ direction: String, _ amount: ExactProduct) {
            guard amount > .zero else { return }
            result[currency, default: [:]][direction] = amount
        }
        switch self {
        case .rateLeakage:
            for (currency, leak) in signal.rateLeakage {
                add(currency, "under", leak.underAmount)
                add(currency, "over", leak.overAmount)
            }
        case .billingMismatch:
            for (currency, mismatch) in signal.billingMismatch {
                add(currency, "under", ExactProduct(mismatch.underAmount))
                add(currency, "over", ExactProduct(mismatch.overAmount))
                add(currency, "unapproved", ExactProduct(mismatch.unapprovedAmount))
            }
        case .doubleBilled:
            for (currency, double) in signal.doubleBilled { add(currency, "over", ExactProduct(double.amount)) }
        case .unbilledMilestones:
            for (currency, milestones) in signal.unbilledMilestones { add(currency, "under", ExactProduct(milestones.total.amount)) }
        case .overContractValue:
            for (currency, over) in signal.overContractValue { add(currency, "over", ExactProduct(over.excess)) }
        }
        return result
    }

    /// Money at risk per currency: the sum of ``amounts(in:)`` over directions.
    public func atRisk(in signal: Reconciliation) -> [String: ExactProduct] {
        amounts(in: signal).mapValues { $0.values.reduce(.zero, +) }
    }

    /// The first control that found something in `signals` (the drill-down opens there), else rate leakage.
    public static func first(withFindingsIn signals: GoldenSignals?) -> ReconciliationControl {
        allCases.first { control in signals.map { control.findings(in: $0.reconciliation) > 0 } ?? false } ?? .rateLeakage
    }

    /// How many rows the five controls found together.
    public static func findings(in signal: Reconciliation) -> Int {
        allCases.reduce(0) { $0 + $1.findings(in: signal) }
    }

    /// How many rows the control found, all currencies: entries, lines, milestones or contracts (unpriced entries
    /// and lines in another currency included).
    public func findings(in signal: Reconciliation) -> Int {
        switch self {
        case .rateLeakage: signal.rateLeakage.values.reduce(0) { $0 + $1.entries + $1.unpriced }
        case .billingMismatch: signal.billingMismatch.values.reduce(0) { $0 + $1.lines + $1.unapprovedLines }
        case .doubleBilled: signal.doubleBilled.values.reduce(0) { $0 + $1.entries }
        case .unbilledMilestones: signal.unbilledMilestones.values.reduce(0) { $0 + $1.total.milestones }
        case .overContractValue: signal.overContractValue.values.reduce(0) { $0 + $1.contracts }
        }
    }
}
