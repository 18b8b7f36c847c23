import SignalboxCore

/// Close mode's split of unbilled time at a period's cutoff, computed by the store from its indexes and equal to
/// ``CloseReference/unbilledApprovedBefore(_:events:asOf:)``.
public protocol CloseExposureSource: Sendable {
    /// Totals by currency of the time entries unbilled as of `asOf` whose approval (as of `asOf`) is before `cutoff`:
    /// approved in the period and still unbilled, so missing this period's invoicing.
    func unbilledApprovedBefore(_ cutoff: Timestamp, asOf: Timestamp) async throws(StoreError) -> [String: UnbilledTotals]
}
