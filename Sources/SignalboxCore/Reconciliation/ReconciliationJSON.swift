extension Reconciliation {
    /// The `reconciliation` member of `signalbox signals --json` (golden-signals.md §10): the five controls in the
    /// spec's order, currencies sorted, a currency only where the control found something; money and hours rounded
    /// half away from zero to 2 decimals (exact products straight from their eight decimals).
    public var jsonDocument: JSONObject {
        [
            "rate_leakage": .object(Self.byCurrency(rateLeakage) { leakage in
                [
                    "entries": .number(String(leakage.entries)),
                    "hours": SignalNumber.money(leakage.hours),
                    "under_amount": SignalNumber.money(leakage.underAmount),
                    "over_amount": SignalNumber.money(leakage.overAmount),
                    "unpriced": .number(String(leakage.unpriced)),
                ]
            }),
            "billing_mismatch": .object(Self.byCurrency(billingMismatch) { mismatch in
                [
                    "lines": .number(String(mismatch.lines)),
                    "over_amount": SignalNumber.money(mismatch.overAmount),
                    "under_amount": SignalNumber.money(mismatch.underAmount),
                    "unapproved_lines": .number(String(mismatch.unapprovedLines)),
                    "unapproved_amount": SignalNumber.money(mismatch.unapprovedAmount),
                ]
            }),
            "double_billed": .object(Self.byCurrency(doubleBilled) { billed in
                ["entries": .number(String(billed.entries)), "amount": SignalNumber.money(billed.amount)]
            }),
            "unbilled_milestones": .object(Self.byCurrency(unbilledMilestones) { milestones in
                var object = Self.totals(milestones.total)
                object["buckets"] = .object(JSONObject(AgeBucket.allCases.map {
                    JSONObject.Member(key: $0.rawValue, value: .object(Self.totals(milestones[$0])))
                }))
                return object
            }),
            "over_contract_value": .object(Self.byCurrency(overContractValue) { over in
                ["contracts": .number(String(over.contracts)), "excess": SignalNumber.money(over.excess)]
            }),
        ]
    }

    private static func byCurrency<Value>(_ values: [String: Value], _ document: (Value) -> JSONObject) -> JSONObject {
        JSONObject(values.sorted { $0.key < $1.key }.map { JSONObject.Member(key: $0.key, value: .object(document($0.value))) })
    }

    private static func totals(_ totals: MilestoneTotals) -> JSONObject {
        ["milestones": .number(String(totals.milestones)), "amount": SignalNumber.money(totals.amount)]
    }
}
