import SignalboxCore

extension Thresholds {
    /// The health of one signal: the worst of its ``readings(of:in:)``, each judged by its limit; `.unknown` when
    /// `signals` do not hold its section (not read yet, or left out by `--only`).
    ///
    /// - activation: `.unknown` when nothing was activated in the window and nothing is pending;
    ///   otherwise the worst of p90 (when any activated), pending count and oldest pending age.
    /// - provisioning: `.unknown` when there were no attempts and no first attempts; otherwise the worst
    ///   of success rate and first-pass rate (a rate over an empty population does not count).
    /// - amendments: `.unknown` when no amendment is in the window; otherwise the accuracy floor.
    /// - unbilled: the worst over currencies of the 31–60 and 61+ day amounts; nothing unbilled is `.ok`
    ///   (a backlog, not a rate: an empty backlog is known to be healthy).
    /// - exceptions: the worst of the open count and the oldest open age; no open exception is `.ok`.
    /// - time to invoice, resolution time: the p90 ceiling; `.unknown` over an empty population.
    /// - invoice to cash: the worst of the p90 and each currency's outstanding amount; nothing paid and
    ///   nothing owed is `.ok` (a backlog again).
    /// - throughput: the floor on the events in the window.
    /// - reconciliation: the worst over controls and currencies of the money at risk; nothing found is `.ok`.
    ///
    /// ```swift
    /// Thresholds.defaults.health(of: .exceptions, in: signals)  // .warn with 11 open
    /// ```
    public func health(of kind: SignalKind, in signals: GoldenSignals) -> SignalHealth {
        guard kind.isRead(in: signals) else { return .unknown }   // nothing read, nothing judged
        let worst = SignalHealth.worst(readings(of: kind, in: signals).map(\.health))
        switch kind {
        case .activation: return signals.activation.count > 0 || signals.activation.pending > 0 ? worst : .unknown
        case .unbilled, .invoiceToCash, .reconciliation: return max(worst, .ok)
        case .provisioning, .amendments, .exceptions, .timeToInvoice, .resolution, .throughput: return worst
        }
    }
}
