/// §10.2 and §10.3 of the billing reconciliation (golden-signals.md): what invoices billed for each time entry,
/// against its approval and against the other invoices that named it.
enum BillingReference {
    /// §10.2: each (invoice, entry) pair of the invoices posted in the window, where the billed amount is not the
    /// approved one, the currencies differ, or the entry has no approval by T.
    static func mismatches(_ log: ReferenceLog, invoices: InvoicesInEffect, entries: [String: Fact<TimeApproved>]) -> [BillingMismatchRow] {
        var rows: [BillingMismatchRow] = []
        for invoice in invoices.invoices where log.inWindow(invoice.postedAt) {
            for (entryID, billed) in invoice.billedPerEntry.sorted(by: { $0.key < $1.key }) {
                let approval = entries[entryID]?.data
                if let approval, approval.currency == invoice.posted.currency, approval.amount == billed { continue }
                rows.append(BillingMismatchRow(
                    invoiceID: invoice.posted.invoiceID, timeEntryID: entryID, contractID: invoice.posted.contractID,
                    postedAt: invoice.postedAt, currency: invoice.posted.currency, billed: billed,
                    approvedAmount: approval?.amount, approvedCurrency: approval?.currency
                ))
            }
        }
        return rows
    }

    /// §10.3: for each entry named by two or more invoices that became double-billed in the window (at the posting
    /// time of the second, in posting-time order, ties by `invoice_id`), one row per invoice after the first.
    static func doubleBilled(_ log: ReferenceLog, invoices: InvoicesInEffect) -> [DoubleBilledRow] {
        var naming: [String: [(invoice: InvoicesInEffect.Invoice, billed: ExactDecimal)]] = [:]
        for invoice in invoices.invoices {
            for (entryID, billed) in invoice.billedPerEntry { naming[entryID, default: []].append((invoice, billed)) }
        }
        var rows: [DoubleBilledRow] = []
        for (entryID, named) in naming.sorted(by: { $0.key < $1.key }) where named.count >= 2 {
            let ordered = named.sorted { ($0.invoice.postedAt, $0.invoice.posted.invoiceID) < ($1.invoice.postedAt, $1.invoice.posted.invoiceID) }
            let doubleBilledAt = ordered[1].invoice.postedAt
            guard log.inWindow(doubleBilledAt) else { continue }
            let first = ordered[0].invoice.posted.invoiceID
            for (invoice, billed) in ordered.dropFirst() {
                rows.append(DoubleBilledRow(
                    timeEntryID: entryID, contractID: invoice.posted.contractID, firstInvoiceID: first,
                    invoiceID: invoice.posted.invoiceID, postedAt: invoice.postedAt, currency: invoice.posted.currency,
                    doubleBilledAt: doubleBilledAt, amount: billed
                ))
            }
        }
        return rows
    }
}
