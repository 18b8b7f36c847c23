import SignalboxCore

extension InvoiceSettlement {
    /// Folds an invoice's stored `invoice.posted` and `payment.received` events (in any order; other events are
    /// skipped); nil without a posting.
    public init?(stored events: [StoredEvent]) {
        let postings: [Dated<InvoicePosted>] = Self.inFoldOrder(events).compactMap { stored in
            guard case .invoicePosted(let posting) = stored.event.payload else { return nil }
            return (stored.event.occurredAt, posting)
        }
        self.init(postings: postings, payments: Self.payments(in: events))
    }

    /// The `payment.received` events among `events` (in any order; other events are skipped), in the order a
    /// settlement folds them.
    private static func payments(in events: [StoredEvent]) -> [Dated<PaymentReceived>] {
        inFoldOrder(events).compactMap { stored in
            guard case .paymentReceived(let payment) = stored.event.payload else { return nil }
            return (stored.event.occurredAt, payment)
        }
    }

    /// `occurred_at` order, ties in arrival order.
    private static func inFoldOrder(_ events: [StoredEvent]) -> [StoredEvent] {
        events.sorted { $1.isLater(than: $0) }
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
