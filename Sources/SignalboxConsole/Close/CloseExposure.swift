import SignalboxCore

/// The unbilled signal split at the current period's cutoff, read with the signals: what was approved before the
/// cutoff and is still unbilled (it misses this period's invoicing), and the rest.
public struct CloseExposure: Equatable, Sendable {
    public var period: ClosePeriod
    public var asOf: Timestamp
    /// By currency: unbilled at `asOf`, approved before the cutoff.
    public var approvedBeforeCutoff: [String: UnbilledTotals]

    public init(period: ClosePeriod, asOf: Timestamp, approvedBeforeCutoff: [String: UnbilledTotals]) {
        self.period = period
        self.asOf = asOf
        self.approvedBeforeCutoff = approvedBeforeCutoff
    }

    /// Per currency of `signals`' unbilled time: before the cutoff, and the rest (approved since the cutoff).
    public func split(of signals: GoldenSignals) -> [(currency: String, beforeCutoff: UnbilledTotals, rest: UnbilledTotals)] {
        Set(signals.unbilled.keys).union(approvedBeforeCutoff.keys).sorted().map { currency in
            let total = signals.unbilled[currency]?.total ?? UnbilledTotals()
            let before = approvedBeforeCutoff[currency] ?? UnbilledTotals()
            return (currency, before, UnbilledTotals(hours: total.hours - before.hours, amount: total.amount - before.amount,
                                                     entries: total.entries - before.entries))
        }
    }
}
