import SignalboxCore
import SignalboxStore

/// Schema 14: which contracts §10.5 (golden-signals.md, over contract value) needs to look at, whatever T.
///
/// A contract is over its value at T when the totals of its invoices' latest postings at T, in its currency, exceed
/// the value in effect at T. Both sides are bounded by facts that only grow with the log:
/// - the value in effect is one that an approval or amendment of the contract states, so it is at least the **least
///   value** any of them states;
/// - the invoiced sum is at most the **sum of every posting's total** for the contract (negative totals counted as
///   zero), whatever its currency and whichever posting is an invoice's latest.
///
/// So only a contract whose posted sum exceeds its least value can be over at any T: the partial index
/// `contract_value_candidates` lists those, and §10.5 reads the postings and terms of those contracts only, instead of
/// every posting the store holds. Kept in the transaction that stores each approval, amendment and posting.
enum SQLiteContractValueBounds {
    /// The schema version that added the table.
    static let version = 14

    /// Creates the table and its index, and fills them from §10's typed rows (a store below schema 9 has none yet:
    /// its migration fills them afterwards, through ``record(_:on:)``).
    static let migration = """
        CREATE TABLE contract_value_bounds (
            contract_id        TEXT    PRIMARY KEY,
            least_value_units  INTEGER,          -- NULL until an approval or amendment states a value
            posted_total_units INTEGER NOT NULL  -- every posting's total for the contract, negative ones as zero
        ) WITHOUT ROWID;
        CREATE INDEX contract_value_candidates ON contract_value_bounds(contract_id) WHERE posted_total_units > least_value_units;
        CREATE INDEX invoice_postings_by_contract ON invoice_postings(contract_id);
        INSERT INTO contract_value_bounds (contract_id, least_value_units, posted_total_units)
            SELECT contract_id, min(total_value_units), 0 FROM contract_terms WHERE total_value_units IS NOT NULL GROUP BY contract_id;
        INSERT INTO contract_value_bounds (contract_id, least_value_units, posted_total_units)
            SELECT contract_id, NULL, sum(max(total_units, 0)) FROM invoice_postings WHERE true GROUP BY contract_id
            ON CONFLICT (contract_id) DO UPDATE SET posted_total_units = excluded.posted_total_units;
        """

    /// The contracts that can be over their value at some T (`contract_id` rows), for a query's `IN (…)`.
    static let candidates = "SELECT contract_id FROM contract_value_bounds WHERE posted_total_units > least_value_units"

    /// Widens the bounds by a just-stored event, if it states a contract's value or posts an invoice.
    static func record(_ event: CanonicalEvent, on connection: SQLiteConnection) throws(StoreError) {
        switch event.payload {
        case .contractApproved(let contract):
            try state(contract.totalValue, of: contract.contractID, on: connection)
        case .contractAmended(let amendment):
            guard let value = amendment.changes.totalValue else { return }
            try state(value, of: amendment.contractID, on: connection)
        case .invoicePosted(let invoice):
            try connection.statement(constant: """
                INSERT INTO contract_value_bounds (contract_id, least_value_units, posted_total_units) VALUES (?1, NULL, max(?2, 0))
                ON CONFLICT (contract_id) DO UPDATE SET posted_total_units = posted_total_units + excluded.posted_total_units
                """)
                .bind(.text(invoice.contractID), .integer(invoice.total.units))
                .run()
        default:
            return
        }
    }

    private static func state(_ value: ExactDecimal, of contractID: String, on connection: SQLiteConnection) throws(StoreError) {
        try connection.statement(constant: """
            INSERT INTO contract_value_bounds (contract_id, least_value_units, posted_total_units) VALUES (?1, ?2, 0)
            ON CONFLICT (contract_id) DO UPDATE SET least_value_units = min(coalesce(least_value_units, excluded.least_value_units),
                                                                            excluded.least_value_units)
            """)
            .bind(.text(contractID), .integer(value.units))
            .run()
    }
}
