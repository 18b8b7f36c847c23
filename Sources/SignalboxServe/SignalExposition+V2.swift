import SignalboxCore

/// Signals v2 (golden-signals.md §6–9) as gauges, with the digits of `signals --json`.
extension SignalExposition {
    /// `NAME_seconds{quantile="0.5"|"0.9"}` and `NAME_max_seconds`: a duration population's nearest-rank quantiles
    /// and its maximum (`NaN` when it is empty).
    static func durations(_ name: String, of what: String, p50: SignalDuration?, p90: SignalDuration?, max: SignalDuration?,
                          into out: inout ExpositionText) {
        out.family(name + "_seconds", "gauge", help: "The \(what) (nearest-rank quantile).",
                   samples: [([("quantile", "0.5")], SignalNumber.seconds(p50)),
                             ([("quantile", "0.9")], SignalNumber.seconds(p90))])
        out.gauge(name + "_max_seconds", help: "The longest \(what).", SignalNumber.seconds(max))
    }

    static func timeToInvoice(_ summary: DurationSummary, into out: inout ExpositionText) {
        durations("signalbox_time_to_invoice", of: "time from approval to first invoice of the entries invoiced in the window",
                  p50: summary.p50, p90: summary.p90, max: summary.max, into: &out)
        out.gauge("signalbox_time_to_invoice_entries", help: "Approved time entries first invoiced in the window.",
                  .number(String(summary.count)))
    }

    static func resolution(_ resolution: ResolutionTime, into out: inout ExpositionText) {
        let overall = resolution.overall
        durations("signalbox_resolution", of: "time from raise to close of the exceptions closed in the window",
                  p50: overall.p50, p90: overall.p90, max: overall.max, into: &out)
        out.family("signalbox_resolution_closed", "gauge", help: "Exceptions closed in the window, by how they were closed.",
                   samples: [([("outcome", "resolved")], .number(String(resolution.resolved))),
                             ([("outcome", "dismissed")], .number(String(resolution.dismissed)))])
        let kinds = resolution.byKind.sorted { $0.key < $1.key }
        out.family("signalbox_resolution_by_kind_seconds", "gauge",
                   help: "Time from raise to close of the exceptions closed in the window, by kind (nearest-rank quantile).",
                   samples: kinds.flatMap { kind, summary in
                       [([("kind", kind), ("quantile", "0.5")], SignalNumber.seconds(summary.p50)),
                        ([("kind", kind), ("quantile", "0.9")], SignalNumber.seconds(summary.p90))]
                   })
        out.family("signalbox_resolution_by_kind_closed", "gauge", help: "Exceptions closed in the window, by kind.",
                   samples: kinds.map { ([("kind", $0.key)], .number(String($0.value.count))) })
    }

    static func invoiceToCash(_ invoiceToCash: InvoiceToCash, into out: inout ExpositionText) {
        let latency = invoiceToCash.latency
        durations("signalbox_invoice_to_cash", of: "time from posting to full payment of the invoices paid in the window",
                  p50: latency.p50, p90: latency.p90, max: latency.max, into: &out)
        out.gauge("signalbox_invoice_to_cash_paid", help: "Invoices paid in full in the window.", .number(String(latency.count)))
        let owed = invoiceToCash.outstanding.sorted { $0.key < $1.key }
        out.family("signalbox_receivables_outstanding_amount", "gauge",
                   help: "Posted invoices not yet paid in full: what is still owed, in the currency's units.",
                   samples: owed.map { ([("currency", $0.key)], SignalNumber.money($0.value.amount)) })
        out.family("signalbox_receivables_outstanding_invoices", "gauge",
                   help: "Posted invoices not yet paid in full, by currency.",
                   samples: owed.map { ([("currency", $0.key)], .number(String($0.value.invoices))) })
    }

    static func throughput(_ throughput: Throughput, into out: inout ExpositionText) {
        out.family("signalbox_throughput_events", "gauge", help: "Stored events (a duplicate once) that occurred in the window, by source system.",
                   samples: throughput.bySource.sorted { $0.key < $1.key }.map { ([("source", $0.key)], .number(String($0.value))) })
    }
}
