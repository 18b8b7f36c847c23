import SignalboxCore

/// Signal 10 (golden-signals.md §10, billing reconciliation) as gauges, with the digits of `signals --json`.
extension SignalExposition {
    /// `signalbox_reconciliation_amount{control,currency,direction}`: each control's money by currency and direction
    /// (rate leakage and billing mismatch: the JSON's `under_amount`, `over_amount`, `unapproved_amount`; double
    /// billed and over contract value `over`; unbilled milestones `under`), and
    /// `signalbox_reconciliation_items{control,currency,what}`: the JSON's counts (`entries`, `unpriced`, `lines`,
    /// `unapproved_lines`, `milestones`, `contracts`), and unbilled milestones by age bucket as `unbilled_time` is.
    /// A currency appears only where the control found something.
    static func reconciliation(_ signal: Reconciliation, into out: inout ExpositionText) {
        var amounts: [(labels: [(String, String)], value: JSONValue)] = []
        var items: [(labels: [(String, String)], value: JSONValue)] = []
        func amount(_ control: ReconciliationControl, _ currency: String, _ direction: String, _ value: ExactDecimal) {
            amounts.append(([("control", control.key), ("currency", currency), ("direction", direction)], SignalNumber.money(value)))
        }
        func count(_ control: ReconciliationControl, _ currency: String, _ what: String, _ value: Int) {
            items.append(([("control", control.key), ("currency", currency), ("what", what)], .number(String(value))))
        }
        for (currency, leak) in signal.rateLeakage.sorted(by: { $0.key < $1.key }) {
            amount(.rateLeakage, currency, "under", leak.underAmount.rounded(toPlaces: 2))
            amount(.rateLeakage, currency, "over", leak.overAmount.rounded(toPlaces: 2))
            count(.rateLeakage, currency, "entries", leak.entries)
            count(.rateLeakage, currency, "unpriced", leak.unpriced)
        }
        for (currency, mismatch) in signal.billingMismatch.sorted(by: { $0.key < $1.key }) {
            amount(.billingMismatch, currency, "under", mismatch.underAmount)
            amount(.billingMismatch, currency, "over", mismatch.overAmount)
            amount(.billingMismatch, currency, "unapproved", mismatch.unapprovedAmount)
            count(.billingMismatch, currency, "lines", mismatch.lines)
            count(.billingMismatch, currency, "unapproved_lines", mismatch.unapprovedLines)
        }
        for (currency, double) in signal.doubleBilled.sorted(by: { $0.key < $1.key }) {
            amount(.doubleBilled, currency, "over", double.amount)
            count(.doubleBilled, currency, "entries", double.entries)
        }
        for (currency, milestones) in signal.unbilledMilestones.sorted(by: { $0.key < $1.key }) {
            amount(.unbilledMilestones, currency, "under", milestones.total.amount)
            count(.unbilledMilestones, currency, "milestones", milestones.total.milestones)
        }
        for (currency, over) in signal.overContractValue.sorted(by: { $0.key < $1.key }) {
            amount(.overContractValue, currency, "over", over.excess)
            count(.overContractValue, currency, "contracts", over.contracts)
        }
        out.family("signalbox_reconciliation_amount", "gauge",
                   help: "Money the billing-reconciliation controls find wrong, by control, currency and direction, in the currency's units.",
                   samples: amounts)
        out.family("signalbox_reconciliation_items", "gauge",
                   help: "What the billing-reconciliation controls count, by control, currency and what is counted.",
                   samples: items)
        let milestones = signal.unbilledMilestones.sorted { $0.key < $1.key }
        out.family("signalbox_reconciliation_unbilled_milestones_amount", "gauge",
                   help: "Accepted milestones on no invoice, by currency and whole days since acceptance, in the currency's units.",
                   samples: milestones.flatMap { currency, totals in
                       AgeBucket.allCases.map { ([("currency", currency), ("bucket", $0.rawValue)], SignalNumber.money(totals[$0].amount)) }
                   })
        out.family("signalbox_reconciliation_unbilled_milestones", "gauge",
                   help: "Accepted milestones on no invoice, by currency and whole days since acceptance.",
                   samples: milestones.flatMap { currency, totals in
                       AgeBucket.allCases.map { ([("currency", currency), ("bucket", $0.rawValue)], .number(String(totals[$0].milestones))) }
                   })
        out.family("signalbox_reconciliation_hours", "gauge", help: "Hours of the time entries priced off the card in the window, by currency.",
                   samples: signal.rateLeakage.sorted { $0.key < $1.key }.map { ([("currency", $0.key)], SignalNumber.money($0.value.hours)) })
    }
}
