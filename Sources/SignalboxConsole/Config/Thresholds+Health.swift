import SignalboxCore

extension Thresholds {
    /// The health of one signal: the worst of its parts, each judged by its limit.
    ///
    /// - activation: `.unknown` when nothing was activated in the window and nothing is pending;
    ///   otherwise the worst of p90 (when any activated), pending count and oldest pending age.
    /// - provisioning: `.unknown` when there were no attempts and no first attempts; otherwise the worst
    ///   of success rate and first-pass rate (a rate over an empty population does not count).
    /// - amendments: `.unknown` when no amendment is in the window; otherwise the accuracy floor.
    /// - unbilled: the worst over currencies of the 31–60 and 61+ day amounts; nothing unbilled is `.ok`
    ///   (a backlog, not a rate: an empty backlog is known to be healthy).
    /// - exceptions: the worst of the open count and the oldest open age; no open exception is `.ok`.
    ///
    /// ```swift
    /// Thresholds.defaults.health(of: .exceptions, in: signals)  // .warn with 11 open
    /// ```
    public func health(of kind: SignalKind, in signals: GoldenSignals) -> SignalHealth {
        switch kind {
        case .activation: activationHealth(signals.activation)
        case .provisioning: provisioningHealth(signals.provisioning)
        case .amendments: amendments.accuracy.health(of: signals.amendments.accuracy)
        case .unbilled: unbilledHealth(signals.unbilled)
        case .exceptions: exceptionHealth(signals.exceptions)
        }
    }

    private func activationHealth(_ signal: ActivationLatency) -> SignalHealth {
        guard signal.count > 0 || signal.pending > 0 else { return .unknown }
        return SignalHealth.worst([
            signal.p90.map(activation.p90.health(of:)),
            activation.pending.health(of: signal.pending),
            signal.oldestPending.map(activation.oldestPending.health(of:)),
        ].compactMap { $0 })
    }

    private func provisioningHealth(_ signal: ProvisioningSignal) -> SignalHealth {
        SignalHealth.worst([
            provisioning.successRate.health(of: signal.successRate),
            provisioning.firstPassRate.health(of: signal.firstPassRate),
        ])
    }

    private func unbilledHealth(_ byCurrency: [String: UnbilledTime]) -> SignalHealth {
        byCurrency.values.reduce(SignalHealth.ok) { worst, time in
            max(worst, unbilled.amount31to60.health(of: time[.upTo60].amount), unbilled.amount61Plus.health(of: time[.over60].amount))
        }
    }

    private func exceptionHealth(_ backlog: ExceptionBacklog) -> SignalHealth {
        SignalHealth.worst([
            exceptions.open.health(of: backlog.open),
            backlog.oldestOpen.map(exceptions.oldestOpen.health(of:)),
        ].compactMap { $0 })
    }
}
