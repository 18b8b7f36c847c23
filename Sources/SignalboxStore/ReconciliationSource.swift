import SignalboxCore

/// The records behind section 10 of the golden signals (billing reconciliation): what `signalbox reconcile` lists
/// and the console drills down to. ``Reconciliation/init(rows:asOf:)`` adds them up into the signal that
/// ``SignalSource/signals(asOf:window:)`` reports.
public protocol ReconciliationSource: Sendable {
    /// Every row of the five controls as of `asOf` over the window `(asOf − window, asOf]`, in no particular order.
    func reconciliationRows(asOf: Timestamp, window: SignalDuration) async throws(StoreError) -> ReconciliationRows
}
