import SignalboxCore
import SignalboxStore

/// Keeps `invoices` (each posted invoice's ``InvoiceSettlement`` over all its stored events) up to date, and folds
/// one invoice as of an earlier instant from the log.
struct SQLiteInvoiceProjection {
    let connection: SQLiteConnection

    /// Re-folds the invoices from every stored posting and payment of theirs.
    func refresh(_ invoiceIDs: some Sequence<String>) throws(StoreError) {
        for invoiceID in invoiceIDs {
            guard let settlement = try settlement(invoiceID) else {
                // Payments only: not an invoice until it is posted.
                try connection.statement(constant: "DELETE FROM invoices WHERE invoice_id = ?1").bind(.text(invoiceID)).run()
                continue
            }
            try connection.statement(constant: """
                INSERT OR REPLACE INTO invoices (invoice_id, posted_at, latest_posting_at, currency, total_units, paid_at,
                                                 paid_units, last_payment_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                """)
                .bind(.text(invoiceID), .integer(settlement.postedAt.microseconds), .integer(settlement.latestPostingAt.microseconds),
                      .text(settlement.currency), .integer(settlement.total.units),
                      .optional(settlement.paidAt?.microseconds), .integer(settlement.paid.units),
                      .optional(settlement.lastPaymentAt?.microseconds))
                .run()
        }
    }

    /// Refolds every invoice with a stored posting (the migration that adds the table).
    func rebuild() throws(StoreError) {
        let invoiceIDs = try connection.statement("SELECT DISTINCT entity_key FROM events WHERE type = 'invoice.posted'")
            .rows { $0.text(0) }
        try refresh(invoiceIDs)
    }

    /// The invoice's settlement from its stored events at or before `end` (all of them when nil).
    func settlement(_ invoiceID: String, through end: Int64? = nil) throws(StoreError) -> InvoiceSettlement? {
        let rows = try connection.statement("""
            SELECT seq, payload FROM events
            WHERE entity_key = ?1 AND \(SQLiteSchema.entityIndexed) AND type IN ('invoice.posted', 'payment.received')
              AND occurred_at <= ?2
            """)
            .bind(.text(invoiceID), .integer(end ?? .max))
            .rows { row throws(StoreError) in try StoredEvent(sequence: row.int64(0), payload: row.text(1)) }
        return InvoiceSettlement(stored: rows)
    }
}
