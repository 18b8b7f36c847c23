import SignalboxCore
import SignalboxTerminal

/// What each tile says: a headline (for the wall display) and lines of labelled values.
enum TileContent {
    /// The one number that sums the tile up, with its label: `("p90", "1d 0h")`.
    static func headline(_ kind: SignalKind, _ signals: GoldenSignals) -> (label: String, value: String) {
        guard kind.isRead(in: signals) else { return (kind.title.lowercased(), "—") }
        return switch kind {
        case .activation: ("p90 activation", SignalFigures.duration(signals.activation.p90))
        case .provisioning: ("provisioning success", SignalFigures.percent(signals.provisioning.successRate))
        case .amendments: ("amendment accuracy", SignalFigures.percent(signals.amendments.accuracy))
        case .unbilled:
            if let (currency, time) = largestCurrency(signals) {
                ("unbilled \(currency)", SignalFigures.grouped(time.total.amount))
            } else {
                ("unbilled", "0")
            }
        case .exceptions: ("open exceptions", SignalFigures.count(signals.exceptions.open))
        case .timeToInvoice: ("p90 time to invoice", SignalFigures.duration(signals.timeToInvoice.p90))
        case .resolution: ("p90 resolution", SignalFigures.duration(signals.resolution.overall.p90))
        case .invoiceToCash:
            if let (currency, owed) = signals.invoiceToCash.outstanding.sorted(by: { $0.key < $1.key }).max(by: { $0.value.amount < $1.value.amount }) {
                ("outstanding \(currency)", SignalFigures.grouped(owed.amount))
            } else {
                ("p90 invoice to cash", SignalFigures.duration(signals.invoiceToCash.latency.p90))
            }
        case .throughput: ("events in window", SignalFigures.count(signals.throughput.events))
        case .reconciliation:
            ("billing findings", SignalFigures.count(ReconciliationControl.findings(in: signals.reconciliation)))
        }
    }

    /// What a tile says before its figures were first read (a console that opens reads one group at a time).
    static let unreadLine = "reading from the store…"

    /// Lines for a tile `width` columns wide and `rows` lines high (0: as few lines as the width allows); `value`
    /// marks the figures drawn in the tile's health colour (the reconciliation tile colours each control's amounts by
    /// that control's own limit in `thresholds`).
    static func lines(_ kind: SignalKind, _ signals: GoldenSignals, width: Int, rows: Int = 0, value: ThemeRole,
                      thresholds: Thresholds) -> [[TextSegment]] {
        func pair(_ label: String, _ figure: String) -> [TextSegment] { [TextSegment(label + " ", .dim), TextSegment(figure, value)] }
        func gap() -> TextSegment { TextSegment("   ") }
        guard kind.isRead(in: signals) else { return [[TextSegment(unreadLine, .dim)]] }
        switch kind {
        case .activation:
            let a = signals.activation
            return [
                pair("p50", SignalFigures.duration(a.p50)) + [gap()] + pair("p90", SignalFigures.duration(a.p90)),
                pair("activated", SignalFigures.count(a.count)) + [gap()] + pair("max", SignalFigures.duration(a.max)),
                pair("pending", SignalFigures.count(a.pending)) + [gap()] + pair("oldest", SignalFigures.duration(a.oldestPending)),
            ]
        case .provisioning:
            let p = signals.provisioning
            return [
                pair("success", SignalFigures.percent(p.successRate)) + [TextSegment(" (\(SignalFigures.count(p.succeeded))/\(SignalFigures.count(p.attempts)))", .dim)],
                pair("first pass", SignalFigures.percent(p.firstPassRate)),
                pair("failed", SignalFigures.count(p.failed)) + [gap()] + pair("attempts", SignalFigures.count(p.attempts)),
            ]
        case .amendments:
            let m = signals.amendments
            return [
                pair("accuracy", SignalFigures.percent(m.accuracy)) + [TextSegment(" of \(SignalFigures.count(m.total))", .dim)],
                pair("accurate", SignalFigures.count(m.accurate)) + [gap()] + pair("mismatched", SignalFigures.count(m.mismatched)),
                pair("pending", SignalFigures.count(m.pending)),
            ]
        case .unbilled:
            return unbilledLines(signals, width: width, value: value)
        case .exceptions:
            let e = signals.exceptions
            var lines = [
                pair("open", SignalFigures.count(e.open)) + [gap()] + pair("oldest", SignalFigures.duration(e.oldestOpen)),
                pair("raised", SignalFigures.count(e.raisedInWindow)) + [gap()] + pair("closed", SignalFigures.count(e.closedInWindow))
                    + [TextSegment(" in window", .dim)],
            ]
            lines += packed(e.openByKind.sorted { $0.key < $1.key }.map { "\($0.key) \(SignalFigures.count($0.value))" }, width: width).map { [TextSegment($0)] }
            return lines
        case .timeToInvoice:
            let t = signals.timeToInvoice
            return [
                pair("p50", SignalFigures.duration(t.p50)) + [gap()] + pair("p90", SignalFigures.duration(t.p90)),
                pair("invoiced", SignalFigures.count(t.count)) + [gap()] + pair("max", SignalFigures.duration(t.max)),
                [TextSegment("from approval to first invoice", .dim)],
            ]
        case .resolution:
            let r = signals.resolution
            return [
                pair("p50", SignalFigures.duration(r.overall.p50)) + [gap()] + pair("p90", SignalFigures.duration(r.overall.p90)),
                pair("closed", SignalFigures.count(r.overall.count)) + [gap()] + pair("max", SignalFigures.duration(r.overall.max)),
                pair("resolved", SignalFigures.count(r.resolved)) + [gap()] + pair("dismissed", SignalFigures.count(r.dismissed)),
            ] + packed(r.byKind.sorted { $0.key < $1.key }.map { "\($0.key) p90 \(SignalFigures.duration($0.value.p90))" }, width: width)
                .map { [TextSegment($0)] }
        case .invoiceToCash:
            let c = signals.invoiceToCash
            var lines = [
                pair("p50", SignalFigures.duration(c.latency.p50)) + [gap()] + pair("p90", SignalFigures.duration(c.latency.p90)),
                pair("paid", SignalFigures.count(c.latency.count)) + [gap()] + pair("max", SignalFigures.duration(c.latency.max)),
            ]
            lines += c.outstanding.sorted { $0.key < $1.key }.map { currency, owed in
                [TextSegment("owed \(currency) ", .dim), TextSegment(SignalFigures.grouped(owed.amount), value),
                 TextSegment(" · \(SignalFigures.count(owed.invoices)) invoices", .dim)]
            }
            if c.outstanding.isEmpty { lines.append([TextSegment("nothing outstanding", .dim)]) }
            return lines
        case .throughput:
            let t = signals.throughput
            return [pair("events", SignalFigures.count(t.events)) + [TextSegment(" in window", .dim)]]
                + packed(t.bySource.sorted { $0.key < $1.key }.map { "\($0.key) \(SignalFigures.count($0.value))" }, width: width)
                .map { [TextSegment($0)] }
        case .reconciliation:
            return reconciliationLines(signals.reconciliation, width: width, rows: rows, limits: thresholds.reconciliation)
        }
    }

    /// Money at risk per control and currency, each amount in the colour of its control's limit: a line per control
    /// with its directions where the tile holds them all (`rate leakage        USD 1,480.50 (under 1,418.00 · over
    /// 62.50)`), else packed (`rate leakage USD 1,418.00  double billed EUR 2,703.00`). A control's currencies that do
    /// not fit continue on the next line, indented; nothing is cut.
    private static func reconciliationLines(_ signal: Reconciliation, width: Int, rows: Int, limits: ReconciliationThresholds) -> [[TextSegment]] {
        let found = ReconciliationControl.allCases.filter { !$0.atRisk(in: signal).isEmpty }
        guard !found.isEmpty else { return [[TextSegment("no billing differences found", .dim)]] }
        let tall = found.flatMap { control in
            wrap(reconciliationUnits(control, signal, limits: limits, tall: true), width: width - 2, indent: 20)
        }
        if tall.count <= rows { return tall }
        var lines: [[TextSegment]] = []
        for control in found {
            let units = reconciliationUnits(control, signal, limits: limits, tall: false)
            let unitsWidth = units.joined().reduce(0) { $0 + TerminalText.width($1.text) }
            if let last = lines.last, last.reduce(0, { $0 + TerminalText.width($1.text) }) + 2 + unitsWidth <= width - 2 {
                lines[lines.count - 1] += [TextSegment("  ")] + units.joined()
            } else {
                lines += wrap(units, width: width - 2, indent: 2)
            }
        }
        return lines
    }

    /// One control's pieces that are never split: its title with the first currency's amount, then ` · ` and each
    /// further currency's; `tall` pads the title to a column and adds the directions of rate leakage and billing mismatch.
    private static func reconciliationUnits(_ control: ReconciliationControl, _ signal: Reconciliation, limits: ReconciliationThresholds,
                                            tall: Bool) -> [[TextSegment]] {
        let limit = CeilingLimit(warn: ExactProduct(limits[control].warn), breach: ExactProduct(limits[control].breach))
        let title = control.title.lowercased()
        return control.amounts(in: signal).sorted { $0.key < $1.key }.enumerated().map { index, entry in
            let (currency, directions) = entry
            let amount = directions.values.reduce(.zero, +)
            var unit = index == 0 ? [TextSegment(tall ? title + String(repeating: " ", count: max(1, 20 - title.count)) : title + " ", .dim)]
                : [TextSegment(" · ", .dim)]
            unit.append(TextSegment(SignalFigures.amount(amount.rounded(toPlaces: 2), currency: currency), limit.health(of: amount).themeRole))
            if tall, control == .rateLeakage || control == .billingMismatch {
                let parts = ["under", "over", "unapproved"].compactMap { direction in
                    directions[direction].map { "\(direction) \(SignalFigures.grouped($0.rounded(toPlaces: 2)))" }
                }
                unit.append(TextSegment(" (" + parts.joined(separator: " · ") + ")", .dim))
            }
            return unit
        }
    }

    /// `units` laid out in lines of at most `width` columns; a unit that does not fit starts a new line `indent`
    /// columns in (its leading ` · ` dropped).
    private static func wrap(_ units: [[TextSegment]], width: Int, indent: Int) -> [[TextSegment]] {
        var lines: [[TextSegment]] = []
        var used = 0
        for unit in units {
            let unitWidth = unit.reduce(0) { $0 + TerminalText.width($1.text) }
            if lines.isEmpty {
                lines.append(unit)
                used = unitWidth
            } else if used + unitWidth <= width {
                lines[lines.count - 1] += unit
                used += unitWidth
            } else {
                let continued = unit.first?.text == " · " ? Array(unit.dropFirst()) : unit
                lines.append([TextSegment(String(repeating: " ", count: indent))] + continued)
                used = indent + continued.reduce(0) { $0 + TerminalText.width($1.text) }
            }
        }
        return lines
    }

    private static func unbilledLines(_ signals: GoldenSignals, width: Int, value: ThemeRole) -> [[TextSegment]] {
        guard !signals.unbilled.isEmpty else { return [[TextSegment("no unbilled approved time", .dim)]] }
        var lines: [[TextSegment]] = []
        for (currency, time) in signals.unbilled.sorted(by: { $0.key < $1.key }) {
            let total = time.total
            let amount = SignalFigures.grouped(total.amount)
            let counts = "\(SignalFigures.grouped(total.hours)) h · \(SignalFigures.count(total.entries)) entries"
            if TerminalText.width("\(currency) \(amount) · \(counts)") <= width {
                lines.append([TextSegment(currency + " ", .dim), TextSegment(amount, value), TextSegment(" · " + counts, .dim)])
            } else {   // large totals: the counts go on their own line rather than being cut off
                lines.append([TextSegment(currency + " ", .dim), TextSegment(amount, value)])
                lines.append([TextSegment("  " + counts, .dim)])
            }
            let buckets = AgeBucket.allCases.map { "\($0.rawValue)d \(SignalFigures.grouped(time[$0].amount))" }
            lines += packed(buckets, width: width).map { [TextSegment("  " + $0, .text)] }
        }
        return lines
    }

    /// Joins `items` with two spaces into as few lines of at most `width` columns as possible.
    static func packed(_ items: [String], width: Int) -> [String] {
        var lines: [String] = []
        for item in items {
            if let last = lines.last, last.count + 2 + item.count <= width - 2 {
                lines[lines.count - 1] = last + "  " + item
            } else {
                lines.append(item)
            }
        }
        return lines
    }

    /// The currency with the most unbilled money (the first in code order on a tie).
    private static func largestCurrency(_ signals: GoldenSignals) -> (key: String, value: UnbilledTime)? {
        signals.unbilled.sorted { $0.key < $1.key }.max { $0.value.total.amount < $1.value.total.amount }
    }
}
