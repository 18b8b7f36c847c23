import SignalboxCore
import SignalboxStore

/// Signal 10 (golden-signals.md §10, billing reconciliation) from the log's payloads, as of T: the latest posting of
/// each invoice, approval of each entry and contract, and amendment of each (contract, version) at or before T,
/// ties to the later arrival. Money leaves SQL as its JSON text (`->`), never as a float, and is compared exactly
/// by ``ReconciliationCandidates``. Bound: `?1` T, `?2` the window's start, `?3` T's UTC date.
extension SQLiteSignalQueries {
    /// Every row of the five controls.
    func reconciliationRows() throws(StoreError) -> ReconciliationRows {
        ReconciliationRows(rateLeakage: try rateLeakageRows(), billingMismatch: try billingMismatchRows(),
                           doubleBilled: try doubleBilledRows(), unbilledMilestones: try unbilledMilestoneRows(),
                           overContractValue: try overContractValueRows())
    }

    private var reconciliationBindings: [SQLiteValue] { [t, windowStart, .text(asOf.civilDate.description)] }

    /// The latest of a type's events about `key` at or before T (through the entity index; its condition repeated).
    private static func latest(_ type: EventType, about key: String, column: String = "payload") -> String {
        """
        (SELECT \(column) FROM events WHERE entity_key = \(key) AND type = '\(type.rawValue)' AND \(SQLiteSchema.entityIndexed)
         AND occurred_at <= ?1 ORDER BY occurred_at DESC, seq DESC LIMIT 1)
        """
    }

    /// The latest approval at or before T of the time entry `key`, through the approvals its projection row lists.
    private static func latestTimeApproval(of key: String, column: String) -> String {
        """
        (SELECT e.\(column) FROM time_entries approved, json_each('[' || approved.approval_seqs || ']') s, events e
         WHERE approved.time_entry_id = \(key) AND e.seq = s.value AND e.occurred_at <= ?1 ORDER BY e.occurred_at DESC, e.seq DESC LIMIT 1)
        """
    }

    /// `invoice(invoice_id, posted_at, payload)`: the invoices whose posting time satisfies `postedAt`, each as its
    /// latest posting at or before T; `line(...)`: their lines naming a time entry; `pair(...)`: each (invoice, time
    /// entry) named, with its lines' amounts, for the entries `entries` keeps.
    private static func invoicePairs(postedAt: String, entries: String = "true") -> String {
        """
        invoice AS (
            SELECT i.invoice_id, i.posted_at, \(latest(.invoicePosted, about: "i.invoice_id")) AS payload
            FROM invoices i WHERE \(postedAt)
        ),
        line AS MATERIALIZED (
            SELECT v.invoice_id, v.posted_at, v.payload ->> '$.data.contract_id' AS contract_id,
                   v.payload ->> '$.data.currency' AS currency, l.value ->> '$.time_entry_id' AS time_entry_id,
                   l.value -> '$.amount' AS amount
            FROM invoice v, json_each(v.payload, '$.data.lines') l
            WHERE l.value ->> '$.time_entry_id' IS NOT NULL
        ),
        pair AS (
            SELECT invoice_id, posted_at, contract_id, currency, time_entry_id, group_concat(amount, ' ') AS billed
            FROM line WHERE \(entries) GROUP BY invoice_id, time_entry_id
        )
        """
    }

    /// The latest `contract.amended` of each (contract, version) at or before T, for the contracts `contracts` lists.
    private static func latestAmendments(of contracts: String) -> String {
        """
        SELECT contract_id, payload FROM (
            SELECT entity_key AS contract_id, payload,
                   row_number() OVER (PARTITION BY entity_key, payload ->> '$.data.version' ORDER BY occurred_at DESC, seq DESC) AS n
            FROM events
            WHERE entity_key IN (\(contracts)) AND type = 'contract.amended' AND \(SQLiteSchema.entityIndexed) AND occurred_at <= ?1)
        WHERE n = 1
        """
    }

    /// §10.1: entries whose latest approval is in the window, with the card rate in effect for their role on their
    /// work date: of the approval's card (version 1) and the amendments effective by then that list the role, the
    /// highest version's (the last listing within one card), which is what applying them in version order leaves.
    func rateLeakageRows() throws(StoreError) -> [RateLeakageRow] {
        try connection.statement("""
            WITH entry AS (
                SELECT x.time_entry_id, a.occurred_at AS approved_at, a.payload
                FROM time_entries x, events a
                WHERE x.approved_at > ?2 AND a.seq = \(Self.latestTimeApproval(of: "x.time_entry_id", column: "seq")) AND a.occurred_at > ?2
            ),
            priced AS (
                SELECT time_entry_id, approved_at, payload ->> '$.data.contract_id' AS contract_id, payload ->> '$.data.role' AS role,
                       payload ->> '$.data.work_date' AS work_date, payload -> '$.data.hours' AS hours, payload -> '$.data.rate' AS rate,
                       payload ->> '$.data.currency' AS currency
                FROM entry
            ),
            approval AS MATERIALIZED (
                SELECT c.contract_id, \(Self.latest(.contractApproved, about: "c.contract_id")) AS payload
                FROM contracts c WHERE c.approved_at <= ?1 AND c.contract_id IN (SELECT contract_id FROM priced)
            ),
            card AS MATERIALIZED (
                SELECT a.contract_id, 1 AS version, NULL AS effective_date, r.key AS position, r.value ->> '$.role' AS role,
                       r.value -> '$.rate' AS rate
                FROM approval a, json_each(a.payload, '$.data.rate_card') r
                UNION ALL
                SELECT m.contract_id, m.payload ->> '$.data.version', m.payload ->> '$.data.effective_date', r.key,
                       r.value ->> '$.role', r.value -> '$.rate'
                FROM (\(Self.latestAmendments(of: "SELECT contract_id FROM approval"))) m,
                     json_each(m.payload, '$.data.changes.rate_card') r
            )
            SELECT p.time_entry_id, p.contract_id, p.role, p.work_date, p.hours, p.rate, p.currency, p.approved_at,
                   max(c.version * 4294967296 + c.position), c.rate, c.version, c.effective_date
            FROM priced p
            LEFT JOIN card c ON c.contract_id = p.contract_id AND c.role = p.role AND (c.version = 1 OR c.effective_date <= p.work_date)
            GROUP BY p.time_entry_id
            """)
            .bind(reconciliationBindings)
            .rows { row throws(StoreError) in
                try ReconciliationCandidates.rateLeakage(
                    timeEntryID: row.text(0), contractID: row.text(1), role: row.text(2), workDate: row.text(3), hours: row.text(4),
                    rate: row.text(5), currency: row.text(6), approvedAt: row.int64(7),
                    expected: row.isNull(9) ? nil : row.text(9), expectedVersion: row.optionalInt64(10),
                    expectedEffectiveDate: row.isNull(11) ? nil : row.text(11))
            }
            .compactMap { $0 }
    }

    /// §10.2: each (invoice, entry) pair of the invoices posted in the window, against the entry's latest approval.
    func billingMismatchRows() throws(StoreError) -> [BillingMismatchRow] {
        try connection.statement("""
            WITH \(Self.invoicePairs(postedAt: "i.posted_at > ?2 AND i.posted_at <= ?1")),
            approved AS (
                SELECT p.*, \(Self.latestTimeApproval(of: "p.time_entry_id", column: "payload")) AS approval FROM pair p
            )
            SELECT invoice_id, time_entry_id, contract_id, posted_at, currency, billed,
                   approval -> '$.data.amount', approval ->> '$.data.currency'
            FROM approved
            """)
            .bind(reconciliationBindings)
            .rows { row throws(StoreError) in
                try ReconciliationCandidates.billingMismatch(
                    invoiceID: row.text(0), timeEntryID: row.text(1), contractID: row.text(2), postedAt: row.int64(3),
                    currency: row.text(4), billed: row.text(5).split(separator: " ").map(String.init),
                    approvedAmount: row.isNull(6) ? nil : row.text(6), approvedCurrency: row.isNull(7) ? nil : row.text(7))
            }
            .compactMap { $0 }
    }

    /// §10.3: entries whose second invoice (posting order, tie: `invoice_id`) was posted in the window, one row per
    /// invoice after the first.
    func doubleBilledRows() throws(StoreError) -> [DoubleBilledRow] {
        try connection.statement("""
            WITH \(Self.invoicePairs(postedAt: "i.posted_at <= ?1",
                                     entries: "time_entry_id IN (SELECT time_entry_id FROM line WHERE posted_at > ?2)")),
            -- One pass in each entry's invoice order: the first invoice, and the second's posting time.
            ranked AS (
                SELECT p.*, row_number() OVER byPosting AS n, first_value(invoice_id) OVER byPosting AS first_invoice_id,
                       nth_value(posted_at, 2) OVER byPosting AS doubled_at
                FROM pair p WINDOW byPosting AS (PARTITION BY time_entry_id ORDER BY posted_at, invoice_id)
            )
            SELECT time_entry_id, contract_id, first_invoice_id, invoice_id, posted_at, currency, doubled_at, billed
            FROM ranked WHERE n >= 2 AND doubled_at > ?2
            """)
            .bind(reconciliationBindings)
            .rows { row throws(StoreError) in
                DoubleBilledRow(timeEntryID: row.text(0), contractID: row.text(1), firstInvoiceID: row.text(2), invoiceID: row.text(3),
                                postedAt: Timestamp(microseconds: row.int64(4)), currency: row.text(5),
                                doubleBilledAt: Timestamp(microseconds: row.int64(6)),
                                amount: try ReconciliationCandidates.sum(row.text(7).split(separator: " ").map(String.init)))
            }
    }

    /// §10.4: milestones whose latest acceptance is at or before T and that no posting at or before T names.
    func unbilledMilestoneRows() throws(StoreError) -> [UnbilledMilestoneRow] {
        try connection.statement("""
            WITH accepted AS (
                SELECT entity_key AS milestone_id, occurred_at, payload,
                       row_number() OVER (PARTITION BY entity_key ORDER BY occurred_at DESC, seq DESC) AS n
                FROM events WHERE type = 'milestone.accepted' AND occurred_at <= ?1
            ),
            billed AS (
                SELECT l.value ->> '$.milestone_id' AS milestone_id
                FROM invoices i, events e, json_each(e.payload, '$.data.lines') l
                WHERE i.posted_at <= ?1 AND e.entity_key = i.invoice_id AND e.type = 'invoice.posted' AND e.\(SQLiteSchema.entityIndexed)
                  AND e.occurred_at <= ?1 AND l.value ->> '$.milestone_id' IS NOT NULL
            )
            SELECT milestone_id, payload ->> '$.data.contract_id', payload ->> '$.data.currency', payload -> '$.data.amount', occurred_at
            FROM accepted WHERE n = 1 AND milestone_id NOT IN (SELECT milestone_id FROM billed)
            """)
            .bind(reconciliationBindings)
            .rows { row throws(StoreError) in
                UnbilledMilestoneRow(milestoneID: row.text(0), contractID: row.text(1), currency: row.text(2),
                                     amount: try ReconciliationCandidates.decimal(row.text(3)), acceptedAt: Timestamp(microseconds: row.int64(4)))
            }
    }

    /// §10.5: contracts approved by T, their invoices in the approval's currency against the value in effect on T's
    /// date (the highest version effective by then that changes it, else the approval's).
    func overContractValueRows() throws(StoreError) -> [OverContractValueRow] {
        try connection.statement("""
            WITH invoice AS (
                SELECT \(Self.latest(.invoicePosted, about: "i.invoice_id")) AS payload FROM invoices i WHERE i.posted_at <= ?1
            ),
            billed AS (
                SELECT payload ->> '$.data.contract_id' AS contract_id, payload ->> '$.data.currency' AS currency,
                       group_concat(payload -> '$.data.total', ' ') AS totals, count(*) AS invoices
                FROM invoice GROUP BY 1, 2
            ),
            contract AS (
                SELECT b.*, \(Self.latest(.contractApproved, about: "b.contract_id")) AS approval FROM billed b
                WHERE b.contract_id IN (SELECT contract_id FROM contracts WHERE approved_at <= ?1)
            ),
            amendment AS (\(Self.latestAmendments(of: "SELECT contract_id FROM contract"))),
            -- The highest version's value (the bare column of max()), one row per contract: a join, not a scan per contract.
            amended AS (
                SELECT contract_id, max(payload ->> '$.data.version'), payload -> '$.data.changes.total_value' AS value FROM amendment
                WHERE payload ->> '$.data.effective_date' <= ?3 AND payload -> '$.data.changes.total_value' IS NOT NULL
                GROUP BY contract_id
            )
            SELECT c.contract_id, c.currency, coalesce(a.value, c.approval -> '$.data.total_value'), c.totals, c.invoices
            FROM contract c LEFT JOIN amended a ON a.contract_id = c.contract_id
            WHERE c.currency = c.approval ->> '$.data.currency'
            """)
            .bind(reconciliationBindings)
            .rows { row throws(StoreError) in
                try ReconciliationCandidates.overContractValue(
                    contractID: row.text(0), currency: row.text(1), value: row.text(2),
                    totals: row.text(3).split(separator: " ").map(String.init), invoices: Int(row.int64(4)))
            }
            .compactMap { $0 }
    }
}
