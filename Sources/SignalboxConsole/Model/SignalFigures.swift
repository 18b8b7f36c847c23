import SignalboxCore

/// The numbers a tile shows, rounded exactly as `signalbox signals --json` rounds them
/// (rates to 4 decimals, money and hours to 2, seconds to milliseconds), then written for people.
public enum SignalFigures {
    /// A rate as a percentage of its 4-decimal rounding: 0.8824 → `88.24%`; `—` over an empty population.
    public static func percent(_ ratio: Ratio?) -> String {
        guard let ratio else { return "—" }
        let units = ratio.rounded.units   // 10^-4, i.e. hundredths of a percent
        return "\(units / 100).\(pad(units % 100))%"
    }

    /// An instant as the console shows it (tables, traces, the status bar's as-of), to the second
    /// (`2026-11-18T11:58:37Z`, rounded towards the past): a fraction (`.754Z`) on some rows widened a column by four
    /// and, at 80 columns, pushed a column off the screen. The rows sort by the exact instant, and `:export` writes it.
    public static func instant(_ time: Timestamp) -> String { time.wholeSecond.rfc3339 }

    /// Money or hours rounded half away from zero to 2 decimals: `61875.00`.
    public static func money(_ value: ExactDecimal) -> String {
        value.rounded(toPlaces: 2).formatted(minimumFractionDigits: 2)
    }

    /// Money or hours rounded like `money`, with thousands separators: `4,948.75`.
    public static func grouped(_ value: ExactDecimal) -> String {
        let text = money(value)
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1)
        let whole = Int(parts.first ?? "").map { count($0) } ?? String(parts.first ?? "")
        return (negative ? "-" : "") + whole + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// An amount with its currency first and thousands separators: `EUR 418,000.00`; `—` when absent.
    public static func amount(_ value: ExactDecimal?, currency: String?) -> String {
        guard let value else { return "—" }
        return currency.map { "\($0) \(grouped(value))" } ?? grouped(value)
    }

    /// How many items the drill-down behind `kind`'s tile lists in all, as the signals counted them.
    public static func population(_ kind: SignalKind, in signals: GoldenSignals) -> Int {
        switch kind {
        case .activation: signals.activation.count + signals.activation.pending
        case .provisioning: signals.provisioning.failed
        case .amendments: signals.amendments.total
        case .unbilled: signals.unbilled.values.reduce(0) { $0 + $1.total.entries }
        case .exceptions: signals.exceptions.open
        case .timeToInvoice: signals.timeToInvoice.count
        case .resolution: signals.resolution.overall.count
        case .invoiceToCash: signals.invoiceToCash.latency.count + signals.invoiceToCash.outstanding.values.reduce(0) { $0 + $1.invoices }
        case .throughput: signals.throughput.bySource.count
        case .reconciliation: ReconciliationControl.findings(in: signals.reconciliation)
        }
    }

    /// A duration rounded to milliseconds like the JSON, shown in the short human form (`1h 30m`); `—` when absent.
    public static func duration(_ value: SignalDuration?) -> String {
        guard let value else { return "—" }
        return HumanDuration.format(value.roundedToMilliseconds)
    }

    /// A count with thousands separators: `12,345`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    private static func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
