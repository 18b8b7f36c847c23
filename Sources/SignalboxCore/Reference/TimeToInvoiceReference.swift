/// Signal 6, time to invoice (golden-signals.md §6).
enum TimeToInvoiceReference {
    static func compute(_ log: ReferenceLog) -> DurationSummary {
        // I: the earliest invoice naming each entry.
        var firstInvoice: [String: Fact<InvoicePosted>] = [:]
        for invoice in log.facts(\.invoicePosted) {
            for entryID in Set(invoice.data.lines.compactMap(\.timeEntryID)) {
                if let known = firstInvoice[entryID], known.occurredAt <= invoice.occurredAt { continue }
                firstInvoice[entryID] = invoice
            }
        }
        let approvals = Dictionary(grouping: log.facts(\.timeApproved), by: \.data.timeEntryID)

        var latencies: [SignalDuration] = []
        for (entryID, invoice) in firstInvoice where log.inWindow(invoice.occurredAt) {
            // The approval it was billed on: the latest at or before I (a tie goes to the later arrival).
            let billedOn = (approvals[entryID] ?? [])
                .filter { $0.occurredAt <= invoice.occurredAt }
                .max { $0.precedes($1) }
            guard let billedOn else { continue }
            latencies.append(invoice.occurredAt.since(billedOn.occurredAt))
        }
        return DurationSummary(durations: latencies)
    }
}
