/// Signal 8, invoice to cash and outstanding receivables (golden-signals.md §8).
enum InvoiceToCashReference {
    static func compute(_ log: ReferenceLog) -> InvoiceToCash {
        let postings = log.facts(\.invoicePosted).histories(by: \.invoiceID)
        let payments = Dictionary(grouping: log.facts(\.paymentReceived), by: \.data.invoiceID)

        var latencies: [SignalDuration] = []
        var outstanding: [String: OutstandingReceivables] = [:]
        // Payments for an invoice never posted (by T) are ignored: only posted invoices are visited.
        for (invoiceID, posting) in postings {
            let currency = posting.latest.data.currency
            let total = posting.latest.data.total
            var paid = ExactDecimal.zero
            var paidAt: Timestamp?
            // In occurred_at order, ties in arrival order; other currencies are ignored.
            let inCurrency = (payments[invoiceID] ?? []).filter { $0.data.currency == currency }.sorted { $0.precedes($1) }
            for payment in inCurrency {
                paid = paid + payment.data.amount
                if paid >= total {
                    paidAt = payment.occurredAt
                    break
                }
            }
            if let paidAt {
                if log.inWindow(paidAt) {
                    latencies.append(max(paidAt.since(posting.earliest.occurredAt), SignalDuration(microseconds: 0)))
                }
            } else {
                outstanding[currency, default: OutstandingReceivables()].add(owed: total - paid)
            }
        }
        return InvoiceToCash(latency: DurationSummary(durations: latencies), outstanding: outstanding)
    }
}
