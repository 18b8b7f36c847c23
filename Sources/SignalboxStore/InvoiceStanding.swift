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

extension InvoiceStanding {
    /// `unpaid` or `paid`, as the drill-down shows it.
    public var state: String { paidAt == nil ? "unpaid" : "paid" }

    /// The texts the drill-down's `/` filter searches (the store searches the same, see
    /// ``DetailListSQL/unpaidInvoices(asOf:request:dialect:)``): the invoice, its state and currency; not its figures.
    public var searchableText: [String] { [invoiceID, state, currency] }

    /// Each column's order as the drill-down shows them (invoice, state, owed, waited or age, total, posted) as of `asOf`.
    public func sortKeys(asOf: Timestamp) -> [DetailSortKey] {
        [.text(invoiceID), .text(state), .money(currency: currency, units: owed.units),
         .number((latency ?? asOf.since(postedAt)).microseconds), .money(currency: currency, units: total.units),
         .number(postedAt.microseconds)]
    }

    /// The first `request.limit` unpaid invoices then the first `request.limit` paid ones, in the request's order:
    /// each part of a store's SQL rows merged with the invoices it folded from the log (already filtered).
    public static func parts(unpaid: [InvoiceStanding], paid: [InvoiceStanding], fromLog: [InvoiceStanding],
                             request: DetailRequest, asOf: Timestamp) -> [InvoiceStanding] {
        func first(_ rows: [InvoiceStanding]) -> [InvoiceStanding] {
            DetailListSQL.firstRows(rows, request: request, keys: { $0.sortKeys(asOf: asOf) }, inListOrder: inListOrder)
        }
        return first(unpaid + fromLog.filter { $0.paidAt == nil }) + first(paid + fromLog.filter { $0.paidAt != nil })
    }

    /// The list's own order: unpaid first, oldest posting first; then paid, longest wait first; then by invoice.
    public static func inListOrder(_ a: InvoiceStanding, _ b: InvoiceStanding) -> Bool {
        switch (a.latency, b.latency) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let left), .some(let right)) where left != right: return left > right
        case (nil, nil) where a.postedAt != b.postedAt: return a.postedAt < b.postedAt
        default: return a.invoiceID.utf8.lexicographicallyPrecedes(b.invoiceID.utf8)
        }
    }
}
