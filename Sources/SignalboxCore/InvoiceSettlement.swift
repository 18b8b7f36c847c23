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
        postedAt = first.occurredAt
        latestPostingAt = latest.occurredAt
        currency = latest.data.currency
        total = latest.data.total
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
