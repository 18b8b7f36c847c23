/// The reference computation of the golden signals (golden-signals.md), straight from the event list.
///
/// It is the oracle that the SQLite and PostgreSQL stores are tested against and the engine of
/// `signalbox signals --from-file`: each signal is a direct transcription of the spec, with clarity
/// preferred over speed.
///
/// ```swift
/// let signals = SignalCalculator.compute(events: events, asOf: try Timestamp(rfc3339: "2026-10-31T00:00:00Z"),
///                                        window: .days(7))
/// signals.jsonDocument.serialized
/// ```
public enum SignalCalculator {
    /// Computes all ten signals as of `asOf` over the window `(asOf − window, asOf]`.
    ///
    /// - Parameter events: the events in arrival order. An event whose `event_id` appeared earlier in the
    ///   list is a duplicate delivery and is ignored (the first one stored wins). Ties in `occurred_at`
    ///   are broken by arrival order.
    public static func compute(events: [CanonicalEvent], asOf: Timestamp, window: SignalDuration) -> GoldenSignals {
        let log = ReferenceLog(events: events, asOf: asOf, window: window)
        return GoldenSignals(
            asOf: asOf,
            window: window,
            activation: ActivationReference.compute(log),
            provisioning: ProvisioningReference.compute(log),
            amendments: AmendmentReference.compute(log),
            unbilled: UnbilledReference.compute(log),
            exceptions: ExceptionReference.compute(log),
            timeToInvoice: TimeToInvoiceReference.compute(log),
            resolution: ResolutionReference.compute(log),
            invoiceToCash: InvoiceToCashReference.compute(log),
            throughput: ThroughputReference.compute(log),
            reconciliation: Reconciliation(rows: ReconciliationReference.rows(log), asOf: asOf)
        )
    }

    /// The rows behind section 10 (billing reconciliation) as of `asOf` over the window `(asOf − window, asOf]`:
    /// what `signalbox reconcile --from-events` lists. They add up, by ``Reconciliation/init(rows:asOf:)``, to the
    /// `reconciliation` of ``compute(events:asOf:window:)``. Events as for `compute`.
    public static func reconciliationRows(events: [CanonicalEvent], asOf: Timestamp, window: SignalDuration) -> ReconciliationRows {
        ReconciliationReference.rows(ReferenceLog(events: events, asOf: asOf, window: window))
    }
}
