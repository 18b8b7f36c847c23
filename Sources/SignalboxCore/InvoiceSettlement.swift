/// Where one invoice stands, folded from its postings and payments (golden-signals.md §8): what the stores
/// project per invoice, and recompute as of T when a posting or payment lies after T.
///
/// ```swift
/// let settlement = InvoiceSettlement(postings: postings, payments: payments)  // each in (occurred_at, arrival) order
/// settlement?.paidAt                                                            // nil while it owes money
/// ```
public struct InvoiceSettlement: Equatable, Sendable {
    /// The earliest posting.
    public var postedAt: Timestamp
    /// The latest posting, whose total and currency count.
    public var latestPostingAt: Timestamp
    public var currency: String
    public var total: ExactDecimal
    /// The payment that brought the running sum (in the invoice's currency) to at least the total.
    public var paidAt: Timestamp?
    /// The sum of every payment in the invoice's currency.
    public var paid: ExactDecimal
    /// The latest payment in the invoice's currency.
    public var lastPaymentAt: Timestamp?

    /// A dated statement, in the order it is listed.
    public typealias Dated<Data> = (occurredAt: Timestamp, data: Data)

    /// Folds postings and payments, each listed in `occurred_at` order with ties in arrival order; nil without a posting.
    public init?(postings: [Dated<InvoicePosted>], payments: [Dated<PaymentReceived>]) {
        guard let first = postings.first, let latest = postings.last else { return nil }
        self.init(postedAt: first.occurredAt, latest: (latest.occurredAt, latest.data.currency, latest.data.total), payments: payments)
    }

    /// Folds the payments (in `occurred_at` order, ties in arrival order) of an invoice first posted at `postedAt`
    /// whose latest posting is `latest`.
    public init(postedAt: Timestamp, latest: (occurredAt: Timestamp, currency: String, total: ExactDecimal),
                payments: [Dated<PaymentReceived>]) {
        self.postedAt = postedAt
        latestPostingAt = latest.occurredAt
        currency = latest.currency
        total = latest.total
        paid = .zero
        for payment in payments where payment.data.currency == currency {
            paid = paid + payment.data.amount
            lastPaymentAt = payment.occurredAt
            if paidAt == nil, paid >= total { paidAt = payment.occurredAt }
        }
    }

    /// What the invoice still owes: its total less every payment counted.
    public var owed: ExactDecimal { total - paid }
}
