import SignalboxConsole
import SignalboxCore

/// The golden signals as a plain-text table for terminals and scripts.
struct SignalsReport {
    let signals: GoldenSignals

    init(_ signals: GoldenSignals) { self.signals = signals }

    /// Only the sections the signals hold.
    var text: String {
        var lines = ["Golden signals as of \(signals.asOf.rfc3339), window \(signals.window)", ""]
        let blocks: [(SignalSections, () -> [String])] = [
            (.activationLatency, activationRows), (.provisioning, provisioningRows), (.amendmentAccuracy, amendmentRows),
            (.unbilledTime, unbilledRows), (.exceptions, exceptionRows), (.timeToInvoice, timeToInvoiceRows),
            (.resolutionTime, resolutionRows), (.invoiceToCash, invoiceToCashRows), (.throughput, throughputRows),
            (.reconciliation, reconciliationRows),
        ]
        for (section, rows) in blocks where signals.sections.contains(section) { lines += rows() }
        return lines.joined(separator: "\n")
    }

    private func activationRows() -> [String] {
        let activation = signals.activation
        return [row("Activation latency", "\(SignalFigures.count(activation.count)) activated; p50 \(SignalFigures.duration(activation.p50)), p90 \(SignalFigures.duration(activation.p90)), max \(SignalFigures.duration(activation.max))"),
                row("", "\(SignalFigures.count(activation.pending)) pending; oldest \(SignalFigures.duration(activation.oldestPending))")]
    }

    private func provisioningRows() -> [String] {
        let provisioning = signals.provisioning
        return [row("Provisioning", "\(SignalFigures.count(provisioning.succeeded))/\(SignalFigures.count(provisioning.attempts)) succeeded (\(SignalFigures.percent(provisioning.successRate))); first pass \(SignalFigures.percent(provisioning.firstPassRate))")]
    }

    private func amendmentRows() -> [String] {
        let amendments = signals.amendments
        return [row("Amendment accuracy", "\(SignalFigures.percent(amendments.accuracy)) of \(SignalFigures.count(amendments.total)): \(SignalFigures.count(amendments.accurate)) accurate, \(SignalFigures.count(amendments.mismatched)) mismatched, \(SignalFigures.count(amendments.pending)) pending")]
    }

    private func unbilledRows() -> [String] {
        var lines: [String] = []
        if signals.unbilled.isEmpty { lines.append(row("Unbilled time", "none")) }
        for (currency, time) in signals.unbilled.sorted(by: { $0.key < $1.key }) {
            let total = time.total
            let label = currency == signals.unbilled.keys.sorted().first ? "Unbilled time" : ""
            lines.append(row(label, "\(currency) \(SignalFigures.grouped(total.amount)) · \(SignalFigures.grouped(total.hours)) h · \(SignalFigures.count(total.entries)) entries"))
            let buckets = AgeBucket.allCases.map { "\($0.rawValue)d \(SignalFigures.grouped(time[$0].amount))" }
            lines.append(row("", "  " + buckets.joined(separator: "  ")))
        }
        return lines
    }

    private func exceptionRows() -> [String] {
        let exceptions = signals.exceptions
        return [row("Exception backlog", "\(SignalFigures.count(exceptions.open)) open; oldest \(SignalFigures.duration(exceptions.oldestOpen)); \(SignalFigures.count(exceptions.raisedInWindow)) raised, \(SignalFigures.count(exceptions.closedInWindow)) closed in window")]
            + exceptions.openByKind.sorted(by: { $0.key < $1.key }).map { kind, count in row("", "  \(kind): \(SignalFigures.count(count))") }
    }

    private func timeToInvoiceRows() -> [String] {
        let invoiced = signals.timeToInvoice
        return [row("Time to invoice", "\(SignalFigures.count(invoiced.count)) invoiced; p50 \(SignalFigures.duration(invoiced.p50)), p90 \(SignalFigures.duration(invoiced.p90)), max \(SignalFigures.duration(invoiced.max))")]
    }

    private func resolutionRows() -> [String] {
        let resolution = signals.resolution
        return [row("Resolution time", "\(SignalFigures.count(resolution.overall.count)) closed (\(SignalFigures.count(resolution.resolved)) resolved, \(SignalFigures.count(resolution.dismissed)) dismissed); p50 \(SignalFigures.duration(resolution.overall.p50)), p90 \(SignalFigures.duration(resolution.overall.p90))")]
            + resolution.byKind.sorted(by: { $0.key < $1.key }).map { kind, summary in
                row("", "  \(kind): \(SignalFigures.count(summary.count)); p50 \(SignalFigures.duration(summary.p50)), p90 \(SignalFigures.duration(summary.p90))")
            }
    }

    private func invoiceToCashRows() -> [String] {
        let cash = signals.invoiceToCash
        return [row("Invoice to cash", "\(SignalFigures.count(cash.latency.count)) paid; p50 \(SignalFigures.duration(cash.latency.p50)), p90 \(SignalFigures.duration(cash.latency.p90)), max \(SignalFigures.duration(cash.latency.max))")]
            + cash.outstanding.sorted(by: { $0.key < $1.key }).map { currency, owed in
                row("", "  outstanding \(SignalFigures.amount(owed.amount, currency: currency)) on \(SignalFigures.count(owed.invoices)) invoices")
            }
    }

    private func throughputRows() -> [String] {
        let throughput = signals.throughput
        return [row("Throughput", "\(SignalFigures.count(throughput.events)) events: "
            + throughput.bySource.sorted { $0.key < $1.key }.map { "\($0.key) \(SignalFigures.count($0.value))" }.joined(separator: ", "))]
    }

    /// §10: each control's money per currency and direction (`signalbox reconcile CONTROL` lists the rows).
    private func reconciliationRows() -> [String] {
        let found = ReconciliationControl.allCases.compactMap { control -> String? in
            let amounts = control.amounts(in: signals.reconciliation).sorted { $0.key < $1.key }
            guard !amounts.isEmpty else { return nil }
            return "  \(control.rawValue): " + amounts.map { currency, directions in
                "\(currency) " + ["under", "over", "unapproved"].compactMap { direction in
                    directions[direction].map { "\(direction) \(SignalFigures.grouped($0.rounded(toPlaces: 2)))" }
                }.joined(separator: ", ")
            }.joined(separator: "; ")
        }
        return found.isEmpty ? [row("Reconciliation", "nothing found")] : [row("Reconciliation", "money found wrong (signalbox reconcile CONTROL lists the rows)")] + found.map { row("", $0) }
    }

    private func row(_ label: String, _ value: String) -> String {
        label + String(repeating: " ", count: max(1, 20 - label.count)) + value
    }

}
