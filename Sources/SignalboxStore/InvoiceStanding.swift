import SignalboxCore

/// An invoice posted by T that was paid in the window or is still unpaid (signal 8's population).
public struct InvoiceStanding: Equatable, Sendable {
    public var invoiceID: String
    public var currency: String
    public var total: ExactDecimal
    /// What it still owes as of T (zero once paid).
    public var owed: ExactDecimal
    public var postedAt: Timestamp
    /// The payment that paid it; nil while unpaid.
    public var paidAt: Timestamp?

    public init(invoiceID: String, currency: String, total: ExactDecimal, owed: ExactDecimal, postedAt: Timestamp, paidAt: Timestamp?) {
        self.invoiceID = invoiceID
        self.currency = currency
        self.total = total
        self.owed = owed
        self.postedAt = postedAt
        self.paidAt = paidAt
    }

    /// The standing of a folded invoice.
    public init(invoiceID: String, settlement: InvoiceSettlement) {
        self.init(invoiceID: invoiceID, currency: settlement.currency, total: settlement.total,
                  owed: settlement.paidAt == nil ? settlement.owed : .zero, postedAt: settlement.postedAt, paidAt: settlement.paidAt)
    }

    /// From posting to payment (0 when paid before posted); nil while unpaid.
    public var latency: SignalDuration? { paidAt.map { max($0.since(postedAt), SignalDuration(microseconds: 0)) } }
}
