extension GoldenSignals {
    /// The exact JSON document of `signalbox signals --json` (golden-signals.md): keys in the spec's order,
    /// money and hours rounded to 2 decimals, rates to 4, seconds to 3, `null` over empty populations.
    /// Only the sections held are present; `as_of` and `window_seconds` always are.
    public var jsonDocument: JSONValue {
        .object(JSONObject(allSections.members.filter { sections.includes(key: $0.key) }))
    }

    private var allSections: JSONObject {
        [
            "as_of": .string(asOf.rfc3339),
            "window_seconds": .number(String(window.seconds)),
            "activation_latency": .object([
                "count": .number(String(activation.count)),
                "p50_seconds": SignalNumber.seconds(activation.p50),
                "p90_seconds": SignalNumber.seconds(activation.p90),
                "max_seconds": SignalNumber.seconds(activation.max),
                "pending": .number(String(activation.pending)),
                "oldest_pending_seconds": SignalNumber.seconds(activation.oldestPending),
            ]),
            "provisioning": .object([
                "attempts": .number(String(provisioning.attempts)),
                "succeeded": .number(String(provisioning.succeeded)),
                "failed": .number(String(provisioning.failed)),
                "success_rate": SignalNumber.rate(provisioning.successRate),
                "first_pass_rate": SignalNumber.rate(provisioning.firstPassRate),
            ]),
            "amendment_accuracy": .object([
                "total": .number(String(amendments.total)),
                "accurate": .number(String(amendments.accurate)),
                "mismatched": .number(String(amendments.mismatched)),
                "pending": .number(String(amendments.pending)),
                "accuracy": SignalNumber.rate(amendments.accuracy),
            ]),
            "unbilled_time": .object(JSONObject(unbilled.sorted { $0.key < $1.key }.map { currency, time in
                var object = SignalNumber.totals(time.total)
                object["buckets"] = .object(JSONObject(AgeBucket.allCases.map {
                    JSONObject.Member(key: $0.rawValue, value: .object(SignalNumber.totals(time[$0])))
                }))
                return JSONObject.Member(key: currency, value: .object(object))
            })),
            "exceptions": .object([
                "open": .number(String(exceptions.open)),
                "open_by_kind": .object(SignalNumber.counts(exceptions.openByKind)),
                "oldest_open_seconds": SignalNumber.seconds(exceptions.oldestOpen),
                "raised_in_window": .number(String(exceptions.raisedInWindow)),
                "closed_in_window": .number(String(exceptions.closedInWindow)),
            ]),
            "time_to_invoice": .object(SignalNumber.summary(timeToInvoice)),
            "resolution_time": .object(resolutionDocument),
            "invoice_to_cash": .object(invoiceToCashDocument),
            "throughput": .object([
                "events": .number(String(throughput.events)),
                "by_source": .object(SignalNumber.counts(throughput.bySource)),
            ]),
            "reconciliation": .object(reconciliation.jsonDocument),
        ]
    }
}

extension GoldenSignals {
    private var resolutionDocument: JSONObject {
        var object = SignalNumber.summary(resolution.overall)
        object["resolved"] = .number(String(resolution.resolved))
        object["dismissed"] = .number(String(resolution.dismissed))
        object["by_kind"] = .object(JSONObject(resolution.byKind.sorted { $0.key < $1.key }.map { kind, summary in
            JSONObject.Member(key: kind, value: .object([
                "count": .number(String(summary.count)),
                "p50_seconds": SignalNumber.seconds(summary.p50),
                "p90_seconds": SignalNumber.seconds(summary.p90),
            ]))
        }))
        return object
    }

    private var invoiceToCashDocument: JSONObject {
        var object = SignalNumber.summary(invoiceToCash.latency)
        object["outstanding"] = .object(JSONObject(invoiceToCash.outstanding.sorted { $0.key < $1.key }.map { currency, owed in
            JSONObject.Member(key: currency, value: .object([
                "invoices": .number(String(owed.invoices)),
                "amount": SignalNumber.money(owed.amount),
            ]))
        }))
        return object
    }
}

/// How signal values are rounded and written as JSON numbers (and, the same digits, in `/metrics`).
public enum SignalNumber {
    /// Seconds rounded half away from zero to milliseconds: `5400.0`, `0.25`.
    public static func seconds(_ duration: SignalDuration?) -> JSONValue {
        guard let duration else { return .null }
        // Microseconds rounded to milliseconds are a whole number of 10^-3 s; ExactDecimal units are 10^-4.
        return .number(ExactDecimal(units: duration.roundedToMilliseconds.microseconds / 100).formatted(minimumFractionDigits: 1))
    }

    /// A rate rounded to four decimals: `0.8824`.
    public static func rate(_ ratio: Ratio?) -> JSONValue {
        guard let ratio else { return .null }
        return .number(ratio.rounded.formatted(minimumFractionDigits: 1))
    }

    /// Money or hours rounded to two decimals: `61875.0`, `412.5`.
    public static func money(_ value: ExactDecimal) -> JSONValue {
        .number(value.rounded(toPlaces: 2).formatted(minimumFractionDigits: 1))
    }

    /// An exact product (money at eight decimals) rounded straight to two decimals, half away from zero: `0.375` → `0.38`.
    public static func money(_ value: ExactProduct) -> JSONValue {
        .number(value.rounded(toPlaces: 2).formatted(minimumFractionDigits: 1))
    }

    /// `count`, `p50_seconds`, `p90_seconds`, `max_seconds`.
    static func summary(_ summary: DurationSummary) -> JSONObject {
        [
            "count": .number(String(summary.count)),
            "p50_seconds": seconds(summary.p50),
            "p90_seconds": seconds(summary.p90),
            "max_seconds": seconds(summary.max),
        ]
    }

    /// Counts by name, in name order.
    static func counts(_ counts: [String: Int]) -> JSONObject {
        JSONObject(counts.sorted { $0.key < $1.key }.map { JSONObject.Member(key: $0.key, value: .number(String($0.value))) })
    }

    static func totals(_ totals: UnbilledTotals) -> JSONObject {
        ["hours": money(totals.hours), "amount": money(totals.amount), "entries": .number(String(totals.entries))]
    }
}
