import SignalboxCore

extension InvoiceSettlement {
    /// Folds an invoice's stored `invoice.posted` and `payment.received` events (in any order; other events are
    /// skipped); nil without a posting.
    public init?(stored events: [StoredEvent]) {
        let ordered = events.sorted { $1.isLater(than: $0) }
        var postings: [Dated<InvoicePosted>] = []
        var payments: [Dated<PaymentReceived>] = []
        for stored in ordered {
            switch stored.event.payload {
            case .invoicePosted(let posting): postings.append((stored.event.occurredAt, posting))
            case .paymentReceived(let payment): payments.append((stored.event.occurredAt, payment))
            default: continue
            }
        }
        self.init(postings: postings, payments: payments)
    }
}

extension CanonicalEvent {
    /// The invoice a posting or payment is about; nil for other events.
    public var invoiceID: String? {
        switch payload {
        case .invoicePosted(let posting): posting.invoiceID
        case .paymentReceived(let payment): payment.invoiceID
        default: nil
        }
    }
}
