import SignalboxCore
import SignalboxStore

/// The rows behind each §10 control as a table: what `signalbox reconcile` prints (as a table, `--csv` or
/// `--json`) and the console's reconciliation drill-down shows and `:export` writes. Largest amount first (ties:
/// the row's ids in order); amounts exact (``ExactProduct/description``), so a control's rows add up to its signal.
public enum ReconciliationTables {
    /// `control`'s rows of `rows`; `psa` says where the PSA stands on the amendment each rate-leakage row's card
    /// rate comes from (missing: not known, e.g. computed from a file).
    public static func table(_ control: ReconciliationControl, _ rows: ReconciliationRows,
                             psa: [AmendmentKey: PSAAmendmentState] = [:]) -> DataTable {
        switch control {
        case .rateLeakage: rateLeakage(rows.rateLeakage, psa: psa)
        case .billingMismatch: billingMismatch(rows.billingMismatch)
        case .doubleBilled: doubleBilled(rows.doubleBilled)
        case .unbilledMilestones: unbilledMilestones(rows.unbilledMilestones)
        case .overContractValue: overContractValue(rows.overContractValue)
        }
    }

    /// The amendments whose PSA state the rate-leakage rows name (a card rate set by an amendment, not the approval).
    public static func amendmentsBehind(_ rows: ReconciliationRows) -> Set<AmendmentKey> {
        Set(rows.rateLeakage.compactMap { row in
            row.expectedFrom.flatMap { $0.version > 1 ? AmendmentKey(contractID: row.contractID, version: $0.version) : nil }
        })
    }

    static func rateLeakage(_ rows: [RateLeakageRow], psa: [AmendmentKey: PSAAmendmentState]) -> DataTable {
        let ordered = rows.sorted { ($1.amount, $0.timeEntryID) < ($0.amount, $1.timeEntryID) }
        return DataTable(
            title: "Rate leakage: time not priced at the card in effect (Enter: trace)",
            // At 80 columns the amendment the card rate comes from (and the PSA's state) beats the contract, role and
            // date, which the trace (Enter) shows.
            columns: [.whole("ENTRY", priority: 0), .init("CONTRACT", priority: 6, minimum: 8, natural: 24),
                      .init("ROLE", priority: 7, minimum: 6, natural: 18), .whole("WORKED", priority: 8),
                      .whole("HOURS", priority: 5, alignRight: true), .whole("RATE", priority: 4, alignRight: true),
                      .whole("CARD", priority: 2, alignRight: true), .init("DIR", priority: 1, minimum: 5, natural: 8),
                      .whole("AMOUNT", priority: 0, alignRight: true), .init("CARD FROM", priority: 3, minimum: 12, natural: 28)],
            rows: ordered.map { row in
                let source = cardSource(row, psa: psa)
                return DataTable.Row(
                    cells: [row.timeEntryID, row.contractID, row.role, row.workDate.isoString, row.hours.description,
                            row.rate.description, row.expected?.description ?? "—", row.direction.rawValue,
                            "\(row.currency) \(row.amount)", source.text],
                    sortKeys: [.text(row.timeEntryID), .text(row.contractID), .text(row.role), .text(row.workDate.isoString),
                               .number(row.hours.units), .number(row.rate.units), .number(row.expected?.units ?? 0),
                               .text(row.direction.rawValue), money(row.currency, row.amount), .text(source.text)],
                    emphasis: row.direction == .unpriced ? .normal : row.direction == .under ? .breach : .warn,
                    correlationID: row.contractID, key: row.timeEntryID,
                    export: [.text(row.timeEntryID), .text(row.contractID), .text(row.role), .text(row.workDate.isoString),
                             .decimal(row.hours), .decimal(row.rate), .decimal(row.expected), row.expectedFrom.map { .integer(Int64($0.version)) } ?? .none,
                             .text(row.expectedFrom?.effectiveDate?.isoString), .text(source.state?.rawValue),
                             .text(row.direction.rawValue), .text(row.currency), .product(row.amount), .time(row.approvedAt)])
            },
            emptyMessage: "no approved time priced off the card in the window",
            exportColumns: ["time_entry_id", "contract_id", "role", "work_date", "hours", "rate", "expected_rate", "expected_version",
                            "expected_effective_date", "psa_amendment", "direction", "currency", "amount", "approved_at"])
    }

    /// `v3 2026-10-01 · PSA pending`, `v1 approval`, `role not on card`; and the PSA's state when known.
    static func cardSource(_ row: RateLeakageRow, psa: [AmendmentKey: PSAAmendmentState]) -> (text: String, state: PSAAmendmentState?) {
        guard let source = row.expectedFrom else { return ("not on the card", nil) }
        guard source.version > 1 else { return ("v1 approval", nil) }
        let state = psa[AmendmentKey(contractID: row.contractID, version: source.version)]
        let date = source.effectiveDate.map { " " + $0.isoString } ?? ""
        return ("v\(source.version)\(date)" + (state.map { " · PSA \($0.rawValue)" } ?? ""), state)
    }

    static func billingMismatch(_ rows: [BillingMismatchRow]) -> DataTable {
        let ordered = rows.sorted { ($1.amount, $0.invoiceID, $0.timeEntryID) < ($0.amount, $1.invoiceID, $1.timeEntryID) }
        return DataTable(
            title: "Billing mismatch: time billed at another amount than approved (Enter: trace)",
            columns: [.whole("INVOICE", priority: 0), .whole("ENTRY", priority: 1), .init("CONTRACT", priority: 5, minimum: 8, natural: 24),
                      .whole("POSTED", priority: 7), .whole("BILLED", priority: 3, alignRight: true),
                      .whole("APPROVED", priority: 4, alignRight: true), .init("DIR", priority: 2, minimum: 5, natural: 10),
                      .whole("AMOUNT", priority: 0, alignRight: true)],
            rows: ordered.map { row in
                let approved = row.approvedAmount.map { amount in
                    row.approvedCurrency == row.currency ? amount.description : "\(row.approvedCurrency ?? "") \(amount)"
                } ?? "—"
                return DataTable.Row(
                    cells: [row.invoiceID, row.timeEntryID, row.contractID, SignalFigures.instant(row.postedAt), "\(row.currency) \(row.billed)", approved,
                            row.direction.rawValue, "\(row.currency) \(row.amount)"],
                    sortKeys: [.text(row.invoiceID), .text(row.timeEntryID), .text(row.contractID), .number(row.postedAt.microseconds),
                               money(row.currency, ExactProduct(row.billed)), .number(row.approvedAmount?.units ?? 0),
                               .text(row.direction.rawValue), money(row.currency, ExactProduct(row.amount))],
                    emphasis: row.direction == .over || row.direction == .unapproved ? .breach : .warn,
                    correlationID: row.contractID, key: row.invoiceID + "/" + row.timeEntryID,
                    export: [.text(row.invoiceID), .text(row.timeEntryID), .text(row.contractID), .time(row.postedAt), .decimal(row.billed),
                             .decimal(row.approvedAmount), .text(row.approvedCurrency), .text(row.direction.rawValue), .text(row.currency),
                             .decimal(row.amount)])
            },
            emptyMessage: "no invoice posted in the window bills time at another amount than approved",
            exportColumns: ["invoice_id", "time_entry_id", "contract_id", "posted_at", "billed", "approved_amount", "approved_currency",
                            "direction", "currency", "amount"])
    }

    static func doubleBilled(_ rows: [DoubleBilledRow]) -> DataTable {
        let ordered = rows.sorted { ($1.amount, $0.timeEntryID, $0.invoiceID) < ($0.amount, $1.timeEntryID, $1.invoiceID) }
        return DataTable(
            title: "Double billed: time entries on a second invoice (Enter: trace)",
            columns: [.whole("ENTRY", priority: 0), .whole("INVOICE", priority: 1), .whole("FIRST ON", priority: 2),
                      .init("CONTRACT", priority: 4, minimum: 8, natural: 24), .whole("POSTED", priority: 3),
                      .whole("AMOUNT", priority: 0, alignRight: true)],
            rows: ordered.map { row in
                DataTable.Row(
                    cells: [row.timeEntryID, row.invoiceID, row.firstInvoiceID, row.contractID, SignalFigures.instant(row.postedAt),
                            "\(row.currency) \(row.amount)"],
                    sortKeys: [.text(row.timeEntryID), .text(row.invoiceID), .text(row.firstInvoiceID), .text(row.contractID),
                               .number(row.postedAt.microseconds), money(row.currency, ExactProduct(row.amount))],
                    emphasis: .breach, correlationID: row.contractID, key: row.timeEntryID + "/" + row.invoiceID,
                    export: [.text(row.timeEntryID), .text(row.invoiceID), .text(row.firstInvoiceID), .text(row.contractID),
                             .time(row.postedAt), .time(row.doubleBilledAt), .text(row.currency), .decimal(row.amount)])
            },
            emptyMessage: "no time entry became double-billed in the window",
            exportColumns: ["time_entry_id", "invoice_id", "first_invoice_id", "contract_id", "posted_at", "double_billed_at", "currency",
                            "amount"])
    }

    static func unbilledMilestones(_ rows: [UnbilledMilestoneRow]) -> DataTable {
        let ordered = rows.sorted { ($1.amount, $0.milestoneID) < ($0.amount, $1.milestoneID) }
        return DataTable(
            title: "Unbilled milestones: accepted, on no invoice (Enter: trace)",
            columns: [.whole("MILESTONE", priority: 0), .init("CONTRACT", priority: 2, minimum: 8, natural: 24),
                      .whole("ACCEPTED", priority: 3), .whole("AMOUNT", priority: 1, alignRight: true)],
            rows: ordered.map { row in
                DataTable.Row(
                    cells: [row.milestoneID, row.contractID, SignalFigures.instant(row.acceptedAt), "\(row.currency) \(row.amount)"],
                    sortKeys: [.text(row.milestoneID), .text(row.contractID), .number(row.acceptedAt.microseconds),
                               money(row.currency, ExactProduct(row.amount))],
                    emphasis: .warn, correlationID: row.contractID, key: row.milestoneID,
                    export: [.text(row.milestoneID), .text(row.contractID), .time(row.acceptedAt), .text(row.currency), .decimal(row.amount)])
            },
            emptyMessage: "no accepted milestone is unbilled",
            exportColumns: ["milestone_id", "contract_id", "accepted_at", "currency", "amount"])
    }

    static func overContractValue(_ rows: [OverContractValueRow]) -> DataTable {
        let ordered = rows.sorted { ($1.excess, $0.contractID) < ($0.excess, $1.contractID) }
        return DataTable(
            title: "Over contract value: invoiced beyond the value in effect (Enter: trace)",
            columns: [.whole("CONTRACT", priority: 0), .whole("VALUE", priority: 2, alignRight: true),
                      .whole("INVOICED", priority: 3, alignRight: true), .whole("INVOICES", priority: 4, alignRight: true),
                      .whole("EXCESS", priority: 1, alignRight: true)],
            rows: ordered.map { row in
                DataTable.Row(
                    cells: [row.contractID, row.value.description, row.invoiced.description, String(row.invoices),
                            "\(row.currency) \(row.excess)"],
                    sortKeys: [.text(row.contractID), .number(row.value.units), .number(row.invoiced.units), .number(Int64(row.invoices)),
                               money(row.currency, ExactProduct(row.excess))],
                    emphasis: .breach, correlationID: row.contractID, key: row.contractID,
                    export: [.text(row.contractID), .decimal(row.value), .decimal(row.invoiced), .integer(Int64(row.invoices)),
                             .text(row.currency), .decimal(row.excess)])
            },
            emptyMessage: "no contract is invoiced beyond its value",
            exportColumns: ["contract_id", "value", "invoiced", "invoices", "currency", "amount"])
    }

    private static func money(_ currency: String, _ amount: ExactProduct) -> DataTable.SortKey {
        .money(currency: currency, units: Int64(clamping: amount.units))
    }
}
