import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Keeps `invoices` (each posted invoice's ``InvoiceSettlement`` over all its stored events) up to date, and folds
/// invoices as of an earlier instant from the log; the same folding as the SQLite store's.
struct PostgresInvoiceProjection {
    let connection: PostgresConnection
    let logger: Logger

    /// Re-folds the invoices from every stored posting and payment of theirs.
    func refresh(_ invoiceIDs: Set<String>) async throws {
        guard !invoiceIDs.isEmpty else { return }
        let settlements = try await settlements(Array(invoiceIDs), through: .max)
        // Payments only: not an invoice until it is posted.
        let unposted = invoiceIDs.subtracting(settlements.keys).sorted()
        if !unposted.isEmpty {
            try await connection.query("DELETE FROM invoices WHERE invoice_id = ANY(\(unposted)::text[])", logger: logger)
        }
        guard !settlements.isEmpty else { return }
        let rows = settlements.sorted { $0.key < $1.key }
        // Arrays cannot hold NULL here: an absent time travels as `Int64.min`.
        let paidAt = rows.map { $0.value.paidAt?.microseconds ?? .min }
        let lastPaymentAt = rows.map { $0.value.lastPaymentAt?.microseconds ?? .min }
        try await connection.query("""
            INSERT INTO invoices (invoice_id, posted_at, latest_posting_at, currency, total_units, paid_at, paid_units,
                                  last_payment_at)
            SELECT id, posted, latest, currency, total, nullif(paid, \(Int64.min)), paid_units, nullif(last_payment, \(Int64.min))
            FROM unnest(\(rows.map(\.key))::text[], \(rows.map(\.value.postedAt.microseconds))::bigint[],
                        \(rows.map(\.value.latestPostingAt.microseconds))::bigint[], \(rows.map(\.value.currency))::text[],
                        \(rows.map(\.value.total.units))::bigint[], \(paidAt)::bigint[],
                        \(rows.map(\.value.paid.units))::bigint[], \(lastPaymentAt)::bigint[])
                 AS u(id, posted, latest, currency, total, paid, paid_units, last_payment)
            ON CONFLICT (invoice_id) DO UPDATE SET
                posted_at = EXCLUDED.posted_at, latest_posting_at = EXCLUDED.latest_posting_at, currency = EXCLUDED.currency,
                total_units = EXCLUDED.total_units, paid_at = EXCLUDED.paid_at, paid_units = EXCLUDED.paid_units,
                last_payment_at = EXCLUDED.last_payment_at
            """, logger: logger)
    }

    /// Refolds every invoice with a stored posting (the migration that adds the table).
    func rebuild() async throws {
        var invoiceIDs: Set<String> = []
        for try await id in try await connection.query(
            "SELECT DISTINCT entity_key FROM events WHERE type = 'invoice.posted'", logger: logger
        ).decode(String.self) {
            invoiceIDs.insert(id)
        }
        try await refresh(invoiceIDs)
    }

    /// The settlements of the invoices from their stored events at or before `end`; posted invoices only.
    func settlements(_ invoiceIDs: [String], through end: Int64) async throws -> [String: InvoiceSettlement] {
        var events: [String: [StoredEvent]] = [:]
        for try await (invoiceID, sequence, payload) in try await connection.query("""
            SELECT entity_key, seq, payload FROM events
            WHERE type IN ('invoice.posted', 'payment.received') AND entity_key = ANY(\(invoiceIDs)::text[]) AND occurred_at <= \(end)
            """, logger: logger).decode((String, Int64, String).self) {
            events[invoiceID, default: []].append(try StoredEvent(sequence: sequence, storedPayload: payload))
        }
        return events.compactMapValues { InvoiceSettlement(stored: $0) }
    }
}
