import SignalboxCore
import SignalboxStore

/// Keeps `invoices` (each posted invoice's ``InvoiceSettlement`` over all its stored events) up to date, and folds
/// one invoice as of an earlier instant, each from its typed postings and payments.
struct SQLiteInvoiceProjection {
    let connection: SQLiteConnection

    /// Re-folds the invoices from every stored posting and payment of theirs. An invoice's row is updated in place, not
    /// replaced: a replacement deletes without firing the delete triggers that keep ``SQLiteOpenWork``'s sums.
    func refresh(_ invoiceIDs: some Sequence<String>) throws(StoreError) {
        for invoiceID in invoiceIDs {
            guard let settlement = try settlement(invoiceID) else {
                // Payments only: not an invoice until it is posted.
                try connection.statement(constant: "DELETE FROM invoices WHERE invoice_id = ?1").bind(.text(invoiceID)).run()
                continue
            }
            try connection.statement(constant: """
                INSERT INTO invoices (invoice_id, posted_at, latest_posting_at, currency, total_units, paid_at, paid_units, last_payment_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                ON CONFLICT (invoice_id) DO UPDATE SET posted_at = ?2, latest_posting_at = ?3, currency = ?4, total_units = ?5, paid_at = ?6,
                    paid_units = ?7, last_payment_at = ?8
                """)
                .bind(.text(invoiceID), .integer(settlement.postedAt.microseconds), .integer(settlement.latestPostingAt.microseconds),
                      .text(settlement.currency), .integer(settlement.total.units),
                      .optional(settlement.paidAt?.microseconds), .integer(settlement.paid.units),
                      .optional(settlement.lastPaymentAt?.microseconds))
                .run()
        }
    }

    /// The invoice's (`?1`) payments at or before `?2`, in fold order: time, then arrival.
    static let paymentsThrough: StaticString = """
        SELECT occurred_at, currency, amount_units FROM invoice_payments WHERE invoice_id = ?1 AND occurred_at <= ?2
        ORDER BY occurred_at, seq
        """

    /// Refolds every invoice with a stored posting (the migration that adds the table).
    func rebuild() throws(StoreError) {
        let invoiceIDs = try connection.statement("SELECT DISTINCT entity_key FROM events WHERE type = 'invoice.posted'")
            .rows { $0.text(0) }
        try refresh(invoiceIDs)
    }

    /// The invoice's settlement from its stored postings and payments at or before `end` (all of them when nil); nil
    /// before its first posting. The postings and payments are typed rows (``SQLiteReconciliationProjection``, written in
    /// the transaction that stores them): the first posting's time, the latest one's terms, and the payments in fold
    /// order (time, then arrival), without parsing a payload.
    func settlement(_ invoiceID: String, through end: Int64? = nil) throws(StoreError) -> InvoiceSettlement? {
        let end = end ?? .max
        let latest = try connection.statement(constant: """
            SELECT (SELECT min(occurred_at) FROM invoice_postings f WHERE f.invoice_id = ?1), occurred_at, currency, total_units
            FROM invoice_postings WHERE invoice_id = ?1 AND occurred_at <= ?2 AND (superseded_at IS NULL OR superseded_at > ?2)
            """)
            .bind(.text(invoiceID), .integer(end))
            .rows { row in
                (postedAt: Timestamp(microseconds: row.int64(0)),
                 posting: (occurredAt: Timestamp(microseconds: row.int64(1)), currency: row.text(2), total: ExactDecimal(units: row.int64(3))))
            }
        guard let latest = latest.first else { return nil }
        let payments = try connection.statement(constant: Self.paymentsThrough)
            .bind(.text(invoiceID), .integer(end))
            .rows { row in
                (occurredAt: Timestamp(microseconds: row.int64(0)),
                 data: PaymentReceived(invoiceID: invoiceID, amount: ExactDecimal(units: row.int64(2)), currency: row.text(1)))
            }
        return InvoiceSettlement(postedAt: latest.postedAt, latest: latest.posting, payments: payments)
    }
}
