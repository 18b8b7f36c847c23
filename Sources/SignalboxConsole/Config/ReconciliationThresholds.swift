import SignalboxCore

/// Ceilings on the money each billing-reconciliation control finds wrong (golden-signals.md §10), configuration
/// key `thresholds: reconciliation:` with one `{warn, breach}` per control (`rateLeakage`, `billingMismatch`,
/// `doubleBilled`, `unbilledMilestones`, `overContractValue`).
///
/// A control's limit applies to each currency's amount on its own (Signalbox never converts currencies): the
/// money at risk of ``ReconciliationControl/atRisk(in:)``, judged exactly — rate leakage under + over, billing
/// mismatch over + under + unapproved, double billed its amount, unbilled milestones their amount, over contract
/// value the excess.
public struct ReconciliationThresholds: Equatable, Sendable {
    /// Per control; every control has one.
    public var limits: [ReconciliationControl: CeilingLimit<ExactDecimal>]

    /// Creates the limits; controls not given take ``defaults``' limit.
    public init(limits: [ReconciliationControl: CeilingLimit<ExactDecimal>]) {
        self.limits = limits
    }

    /// The limit of `control`.
    public subscript(control: ReconciliationControl) -> CeilingLimit<ExactDecimal> {
        get { limits[control] ?? Self.defaultLimits[control] ?? CeilingLimit(warn: .zero, breach: .zero) }
        set { limits[control] = newValue }
    }

    /// Money lost or disputed by mistakes of pricing and billing warns from the first 1,000 and breaches beyond 10,000
    /// per currency; any double billing and any billing beyond a contract's value warns; unbilled milestones warn
    /// beyond 50,000 and breach beyond 250,000.
    static let defaultLimits: [ReconciliationControl: CeilingLimit<ExactDecimal>] = [
        .rateLeakage: CeilingLimit(warn: ExactDecimal(1_000), breach: ExactDecimal(10_000)),
        .billingMismatch: CeilingLimit(warn: ExactDecimal(1_000), breach: ExactDecimal(10_000)),
        .doubleBilled: CeilingLimit(warn: .zero, breach: ExactDecimal(5_000)),
        .unbilledMilestones: CeilingLimit(warn: ExactDecimal(50_000), breach: ExactDecimal(250_000)),
        .overContractValue: CeilingLimit(warn: .zero, breach: ExactDecimal(10_000)),
    ]

    /// The default limits.
    public static let defaults = ReconciliationThresholds(limits: defaultLimits)
}
