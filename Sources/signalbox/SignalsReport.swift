import SignalboxConsole
import SignalboxCore

/// The golden signals as a plain-text table for terminals and scripts.
struct SignalsReport {
    let signals: GoldenSignals

    init(_ signals: GoldenSignals) { self.signals = signals }

    var text: String {
        var lines = ["Golden signals as of \(signals.asOf.rfc3339), window \(signals.window)", ""]
        let activation = signals.activation
        lines.append(row("Activation latency", "\(activation.count) activated; p50 \(SignalFigures.duration(activation.p50)), p90 \(SignalFigures.duration(activation.p90)), max \(SignalFigures.duration(activation.max))"))
        lines.append(row("", "\(activation.pending) pending; oldest \(SignalFigures.duration(activation.oldestPending))"))
        let provisioning = signals.provisioning
        lines.append(row("Provisioning", "\(provisioning.succeeded)/\(provisioning.attempts) succeeded (\(SignalFigures.percent(provisioning.successRate))); first pass \(SignalFigures.percent(provisioning.firstPassRate))"))
        let amendments = signals.amendments
        lines.append(row("Amendment accuracy", "\(SignalFigures.percent(amendments.accuracy)) of \(amendments.total): \(amendments.accurate) accurate, \(amendments.mismatched) mismatched, \(amendments.pending) pending"))
        if signals.unbilled.isEmpty { lines.append(row("Unbilled time", "none")) }
        for (currency, time) in signals.unbilled.sorted(by: { $0.key < $1.key }) {
            let total = time.total
            let label = currency == signals.unbilled.keys.sorted().first ? "Unbilled time" : ""
            lines.append(row(label, "\(currency) \(SignalFigures.money(total.amount)) · \(SignalFigures.money(total.hours)) h · \(total.entries) entries"))
            let buckets = AgeBucket.allCases.map { "\($0.rawValue)d \(SignalFigures.money(time[$0].amount))" }
            lines.append(row("", "  " + buckets.joined(separator: "  ")))
        }
        let exceptions = signals.exceptions
        lines.append(row("Exception backlog", "\(exceptions.open) open; oldest \(SignalFigures.duration(exceptions.oldestOpen)); \(exceptions.raisedInWindow) raised, \(exceptions.closedInWindow) closed in window"))
        for (kind, count) in exceptions.openByKind.sorted(by: { $0.key < $1.key }) {
            lines.append(row("", "  \(kind): \(count)"))
        }
        let invoiced = signals.timeToInvoice
        lines.append(row("Time to invoice", "\(invoiced.count) invoiced; p50 \(SignalFigures.duration(invoiced.p50)), p90 \(SignalFigures.duration(invoiced.p90)), max \(SignalFigures.duration(invoiced.max))"))
        let resolution = signals.resolution
        lines.append(row("Resolution time", "\(resolution.overall.count) closed (\(resolution.resolved) resolved, \(resolution.dismissed) dismissed); p50 \(SignalFigures.duration(resolution.overall.p50)), p90 \(SignalFigures.duration(resolution.overall.p90))"))
        for (kind, summary) in resolution.byKind.sorted(by: { $0.key < $1.key }) {
            lines.append(row("", "  \(kind): \(summary.count); p50 \(SignalFigures.duration(summary.p50)), p90 \(SignalFigures.duration(summary.p90))"))
        }
        let cash = signals.invoiceToCash
        lines.append(row("Invoice to cash", "\(cash.latency.count) paid; p50 \(SignalFigures.duration(cash.latency.p50)), p90 \(SignalFigures.duration(cash.latency.p90)), max \(SignalFigures.duration(cash.latency.max))"))
        for (currency, owed) in cash.outstanding.sorted(by: { $0.key < $1.key }) {
            lines.append(row("", "  outstanding \(SignalFigures.amount(owed.amount, currency: currency)) on \(owed.invoices) invoices"))
        }
        let throughput = signals.throughput
        lines.append(row("Throughput", "\(throughput.events) events: "
            + throughput.bySource.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        lines += reconciliationRows()
        return lines.joined(separator: "\n")
    }

    /// §10: each control's money per currency and direction (`signalbox reconcile CONTROL` lists the rows).
    private func reconciliationRows() -> [String] {
        let found = ReconciliationControl.allCases.compactMap { control -> String? in
            let amounts = control.amounts(in: signals.reconciliation).sorted { $0.key < $1.key }
            guard !amounts.isEmpty else { return nil }
            return "  \(control.rawValue): " + amounts.map { currency, directions in
                "\(currency) " + ["under", "over", "unapproved"].compactMap { direction in
                    directions[direction].map { "\(direction) \(SignalFigures.money($0.rounded(toPlaces: 2)))" }
                }.joined(separator: ", ")
            }.joined(separator: "; ")
        }
        return found.isEmpty ? [row("Reconciliation", "nothing found")] : [row("Reconciliation", "money found wrong (signalbox reconcile CONTROL lists the rows)")] + found.map { row("", $0) }
    }

    private func row(_ label: String, _ value: String) -> String {
        label + String(repeating: " ", count: max(1, 20 - label.count)) + value
    }

}
