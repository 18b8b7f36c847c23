/// The invoices section 10 reads (golden-signals.md §10): each invoice is its latest `invoice.posted` (≤ T), posted
/// at its earliest one.
struct InvoicesInEffect {
    struct Invoice {
        /// The latest statement of the invoice.
        let posted: InvoicePosted
        /// `occurred_at` of its earliest `invoice.posted`.
        let postedAt: Timestamp

        /// Σ of the amounts of the lines naming each time entry: what the invoice billed for it.
        var billedPerEntry: [String: ExactDecimal] {
            var billed: [String: ExactDecimal] = [:]
            for line in posted.lines {
                if let entryID = line.timeEntryID { billed[entryID, default: .zero] += line.amount }
            }
            return billed
        }
    }

    let invoices: [Invoice]

    init(_ log: ReferenceLog) {
        invoices = log.facts(\.invoicePosted).histories(by: \.invoiceID).values
            .map { Invoice(posted: $0.latest.data, postedAt: $0.earliest.occurredAt) }
            .sorted { $0.posted.invoiceID < $1.posted.invoiceID }
    }
}
