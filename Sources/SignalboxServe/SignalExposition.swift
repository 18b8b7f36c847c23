import SignalboxCore

/// The golden signals as Prometheus gauges, with the very digits of `signalbox signals --json` (golden-signals.md):
/// money and hours to 2 decimals, ratios to 4, seconds to milliseconds; `NaN` where the JSON has `null`.
enum SignalExposition {
    static func render(_ signals: GoldenSignals) -> String {
        var out = ExpositionText()
        out.gauge("signalbox_signals_as_of_timestamp_seconds", help: "The instant the signals are computed as of (Unix time).",
                  .number(seconds(signals.asOf)))
        out.gauge("signalbox_signals_window_seconds", help: "The window the signals count over.",
                  .number(String(signals.window.seconds)))
        activation(signals.activation, into: &out)
        provisioning(signals.provisioning, into: &out)
        amendments(signals.amendments, into: &out)
        unbilled(signals.unbilled, into: &out)
        exceptions(signals.exceptions, into: &out)
        timeToInvoice(signals.timeToInvoice, into: &out)
        resolution(signals.resolution, into: &out)
        invoiceToCash(signals.invoiceToCash, into: &out)
        throughput(signals.throughput, into: &out)
        reconciliation(signals.reconciliation, into: &out)
        return out.text
    }

    private static func activation(_ activation: ActivationLatency, into out: inout ExpositionText) {
        durations("signalbox_activation_latency", of: "approval-to-activation latency of the contracts activated in the window",
                  p50: activation.p50, p90: activation.p90, max: activation.max, into: &out)
        out.gauge("signalbox_activation_activated", help: "Contracts activated in the window.", .number(String(activation.count)))
        out.gauge("signalbox_activation_pending", help: "Approved contracts not yet activated.", .number(String(activation.pending)))
        out.gauge("signalbox_activation_oldest_pending_seconds", help: "Age of the oldest approved contract not yet activated.",
                  SignalNumber.seconds(activation.oldestPending))
    }

    private static func provisioning(_ provisioning: ProvisioningSignal, into out: inout ExpositionText) {
        out.gauge("signalbox_provisioning_attempts", help: "Provisioning attempts in the window.",
                  .number(String(provisioning.attempts)))
        out.gauge("signalbox_provisioning_succeeded", help: "Successful provisioning attempts in the window.",
                  .number(String(provisioning.succeeded)))
        out.gauge("signalbox_provisioning_failed", help: "Failed provisioning attempts in the window.",
                  .number(String(provisioning.failed)))
        out.gauge("signalbox_provisioning_success_ratio", help: "Successful over all provisioning attempts in the window.",
                  SignalNumber.rate(provisioning.successRate))
        out.gauge("signalbox_provisioning_first_pass_ratio",
                  help: "Contracts whose first provisioning event in the window succeeded, over all with one.",
                  SignalNumber.rate(provisioning.firstPassRate))
    }

    private static func amendments(_ amendments: AmendmentAccuracy, into out: inout ExpositionText) {
        out.family("signalbox_amendments", "gauge", help: "Amendments in the window by propagation status.", samples: [
            ([("status", "accurate")], .number(String(amendments.accurate))),
            ([("status", "mismatched")], .number(String(amendments.mismatched))),
            ([("status", "pending")], .number(String(amendments.pending))),
        ])
        out.gauge("signalbox_amendment_accuracy_ratio", help: "Accurately propagated amendments over all in the window.",
                  SignalNumber.rate(amendments.accuracy))
    }

    private static func unbilled(_ unbilled: [String: UnbilledTime], into out: inout ExpositionText) {
        let cells = unbilled.sorted { $0.key < $1.key }.flatMap { currency, time in
            AgeBucket.allCases.map { (labels: [("currency", currency), ("bucket", $0.rawValue)], totals: time[$0]) }
        }
        out.family("signalbox_unbilled_amount", "gauge",
                   help: "Approved time not yet invoiced, in the currency's units, by age bucket in days since approval.",
                   samples: cells.map { ($0.labels, SignalNumber.money($0.totals.amount)) })
        out.family("signalbox_unbilled_hours", "gauge", help: "Approved hours not yet invoiced, by age bucket in days.",
                   samples: cells.map { ($0.labels, SignalNumber.money($0.totals.hours)) })
        out.family("signalbox_unbilled_entries", "gauge", help: "Approved time entries not yet invoiced, by age bucket in days.",
                   samples: cells.map { ($0.labels, .number(String($0.totals.entries))) })
    }

    private static func exceptions(_ exceptions: ExceptionBacklog, into out: inout ExpositionText) {
        out.family("signalbox_exceptions_open", "gauge", help: "Open exceptions by kind.",
                   samples: exceptions.openByKind.sorted { $0.key < $1.key }.map { ([("kind", $0.key)], .number(String($0.value))) })
        out.gauge("signalbox_exceptions_oldest_open_seconds", help: "Age of the oldest open exception.",
                  SignalNumber.seconds(exceptions.oldestOpen))
        out.gauge("signalbox_exceptions_raised_in_window", help: "Exceptions raised in the window.",
                  .number(String(exceptions.raisedInWindow)))
        out.gauge("signalbox_exceptions_closed_in_window", help: "Exceptions resolved or dismissed in the window.",
                  .number(String(exceptions.closedInWindow)))
    }

    /// Unix seconds, with the microseconds when there are any: `1795392000`, `1795392000.25` (instants after 1970).
    static func seconds(_ instant: Timestamp) -> String {
        let whole = instant.microseconds / 1_000_000, micros = instant.microseconds % 1_000_000
        guard micros != 0 else { return String(whole) }
        var fraction = String(micros)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }
}
