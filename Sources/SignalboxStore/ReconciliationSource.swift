import SignalboxCore

/// The records behind section 10 of the golden signals (billing reconciliation): what `signalbox reconcile` lists
/// and the console drills down to. ``Reconciliation/init(rows:asOf:)`` adds them up into the signal that
/// ``SignalSource/signals(asOf:window:)`` reports.
public protocol ReconciliationSource: Sendable {
    /// The rows of `controls` as of `asOf` over the window `(asOf − window, asOf]`, in no particular order; the other
    /// controls' lists are empty and their queries are not run (one control's table need not wait for the others').
    func reconciliationRows(of controls: Set<ReconciliationControl>, asOf: Timestamp,
                            window: SignalDuration) async throws(StoreError) -> ReconciliationRows
}

extension ReconciliationSource {
    /// Every row of the five controls as of `asOf` over the window `(asOf − window, asOf]`, in no particular order.
    public func reconciliationRows(asOf: Timestamp, window: SignalDuration) async throws(StoreError) -> ReconciliationRows {
        try await reconciliationRows(of: Set(ReconciliationControl.allCases), asOf: asOf, window: window)
    }
}
