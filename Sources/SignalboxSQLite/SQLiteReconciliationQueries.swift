import SignalboxCore
import SignalboxStore

/// Signal 10 (golden-signals.md §10, billing reconciliation) from its projection (``SQLiteReconciliationProjection``),
/// as of T: the latest posting of each invoice, approval of each entry and contract, and amendment of each
/// (contract, version) at or before T are the rows in ``current(_:)``. Money is compared in SQL in exact units, so
/// only the records a control finds leave it. Bound: `?1` T, `?2` the window's start, `?3` T's UTC date.
extension SQLiteSignalQueries {
    /// The rows of `controls`; the others' lists stay empty, unread.
    func reconciliationRows(of controls: Set<ReconciliationControl>) throws(StoreError) -> ReconciliationRows {
        var rows = ReconciliationRows()
        if controls.contains(.rateLeakage) { try forEachRateLeakageRow { rows.rateLeakage.append($0) } }
        if controls.contains(.billingMismatch) { rows.billingMismatch = try billingMismatchRows() }
        if controls.contains(.doubleBilled) { rows.doubleBilled = try doubleBilledRows() }
        if controls.contains(.unbilledMilestones) { rows.unbilledMilestones = try unbilledMilestoneRows() }
        if controls.contains(.overContractValue) { rows.overContractValue = try overContractValueRows() }
        return rows
    }

    /// The signal the five controls' rows add up to, the rate leakage rows added as they are read, not held.
    func reconciliation() throws(StoreError) -> Reconciliation {
        let besidesRateLeakage = Set(ReconciliationControl.allCases).subtracting([.rateLeakage])
        var signal = Reconciliation(rows: try reconciliationRows(of: besidesRateLeakage), asOf: asOf)
        try forEachRateLeakageRow { signal.add($0) }
        return signal
    }

    private var reconciliationBindings: [SQLiteValue] { [t, windowStart, .text(asOf.civilDate.description)] }

    /// The condition that the statement row `alias` is the latest about its subject at or before T.
    private static func current(_ alias: String) -> String {
        "\(alias).occurred_at <= ?1 AND (\(alias).superseded_at IS NULL OR \(alias).superseded_at > ?1)"
    }

    /// `posting`: the latest posting at or before T of each invoice first posted in the window, with `posted_at`
    /// (from the invoices by posting time: the planner would otherwise read every line).
    private static let windowPostings = """
        posting AS (
            SELECT p.*, i.posted_at FROM invoices i CROSS JOIN invoice_postings p ON p.invoice_id = i.invoice_id
            WHERE i.posted_at > ?2 AND i.posted_at <= ?1 AND \(current("p"))
        )
        """

    /// §10.1: entries whose latest approval is in the window, with the card rate in effect for their role on their
    /// work date: of the approval's card (version 1) and the amendments effective by then that list the role, the
    /// highest version's (the last listing within one card), which is what applying them in version order leaves.
    /// Only entries priced off the card, or unpriced, are passed to `body`, one at a time. `priced` holds only what
    /// the comparison needs; the few approvals passed on are read whole by `seq`. A card counts once its contract's
    /// approval is at or before T, which each card row's contract is probed for (reading every contract's approval
    /// would grow with history).
    func forEachRateLeakageRow(_ body: (RateLeakageRow) -> Void) throws(StoreError) {
        try connection.statement("""
            WITH priced AS MATERIALIZED (
                SELECT a.seq, a.contract_id, a.role, a.work_date, a.rate_units
                FROM time_approvals a WHERE a.occurred_at > ?2 AND \(Self.current("a"))
            ),
            card AS MATERIALIZED (
                SELECT t.contract_id, t.version, t.effective_date, r.position, r.role, r.rate_units
                FROM contract_terms t JOIN contract_rates r ON r.seq = t.seq
                WHERE \(Self.current("t")) AND t.contract_id IN (SELECT contract_id FROM priced)
                  AND EXISTS (SELECT 1 FROM contract_terms v
                              WHERE v.contract_id = t.contract_id AND v.amendment = 0 AND v.occurred_at <= ?1)
            ),
            expected AS (
                SELECT p.seq, p.rate_units, max(c.version * 4294967296 + c.position), c.rate_units AS expected_units,
                       c.version AS expected_version, c.effective_date AS expected_effective_date
                FROM priced p
                LEFT JOIN card c ON c.contract_id = p.contract_id AND c.role = p.role AND (c.version = 1 OR c.effective_date <= p.work_date)
                GROUP BY p.seq
            )
            SELECT a.time_entry_id, a.contract_id, a.role, a.work_date, a.hours_units, a.rate_units, a.currency, a.occurred_at,
                   e.expected_units, e.expected_version, e.expected_effective_date
            FROM expected e CROSS JOIN time_approvals a ON a.seq = e.seq
            WHERE e.expected_units IS NULL OR e.expected_units <> e.rate_units
            """)
            .bind(reconciliationBindings)
            .forEachRow { row throws(StoreError) in
                let expected = row.optionalInt64(8).map(ExactDecimal.init(units:))
                var source: RateSource?
                if expected != nil, let version = row.optionalInt64(9) {
                    source = RateSource(version: Int(version),
                                        effectiveDate: try row.isNull(10) ? nil : ReconciliationCandidates.date(row.text(10)))
                }
                body(RateLeakageRow(timeEntryID: row.text(0), contractID: row.text(1), role: row.text(2),
                                    workDate: try ReconciliationCandidates.date(row.text(3)), hours: ExactDecimal(units: row.int64(4)),
                                    rate: ExactDecimal(units: row.int64(5)), expected: expected, expectedFrom: source,
                                    currency: row.text(6), approvedAt: Timestamp(microseconds: row.int64(7))))
            }
    }

    /// §10.2: each (invoice, entry) pair of the invoices posted in the window, against the entry's latest approval;
    /// only the pairs not billed as approved. The approvals are the companion's, which can trail the log by a
    /// transaction: a posting it has not reached yet waits for it, rather than finding its entries unapproved.
    func billingMismatchRows() throws(StoreError) -> [BillingMismatchRow] {
        try connection.statement("""
            WITH \(Self.windowPostings),
            pair AS (
                SELECT p.invoice_id, p.posted_at, p.contract_id, p.currency, l.time_entry_id, sum(l.amount_units) AS billed
                FROM posting p CROSS JOIN invoice_lines l ON l.seq = p.seq
                WHERE l.time_entry_id IS NOT NULL
                  AND p.seq <= (SELECT applied_seq FROM \(SQLiteTimeEntryFile.schemaName).ledger_state WHERE id = 1)
                GROUP BY p.invoice_id, l.time_entry_id
            )
            SELECT b.invoice_id, b.time_entry_id, b.contract_id, b.posted_at, b.currency, b.billed, a.amount_units, a.currency
            FROM pair b LEFT JOIN time_approvals a ON a.time_entry_id = b.time_entry_id AND \(Self.current("a"))
            WHERE a.seq IS NULL OR a.currency <> b.currency OR a.amount_units <> b.billed
            """)
            .bind(reconciliationBindings)
            .rows { row throws(StoreError) in
                BillingMismatchRow(invoiceID: row.text(0), timeEntryID: row.text(1), contractID: row.text(2),
                                   postedAt: Timestamp(microseconds: row.int64(3)), currency: row.text(4),
                                   billed: ExactDecimal(units: row.int64(5)), approvedAmount: row.optionalInt64(6).map(ExactDecimal.init(units:)),
                                   approvedCurrency: row.isNull(6) ? nil : row.text(7))
            }
    }

    /// §10.3: entries whose second invoice (posting order, tie: `invoice_id`) was posted in the window, one row per
    /// invoice after the first: the entries that the window's invoices name and some other posting names too (most
    /// are on one invoice only: the index by entry says so), then every latest posting at or before T naming them.
    func doubleBilledRows() throws(StoreError) -> [DoubleBilledRow] {
        try connection.statement("""
            WITH \(Self.windowPostings),
            entry AS MATERIALIZED (
                SELECT DISTINCT l.time_entry_id FROM posting p CROSS JOIN invoice_lines l ON l.seq = p.seq
                WHERE l.time_entry_id IS NOT NULL
                  AND EXISTS (SELECT 1 FROM invoice_lines other WHERE other.time_entry_id = l.time_entry_id AND other.seq <> l.seq)
            ),
            pair AS (
                SELECT p.invoice_id, i.posted_at, p.contract_id, p.currency, l.time_entry_id, sum(l.amount_units) AS billed
                FROM entry x CROSS JOIN invoice_lines l CROSS JOIN invoice_postings p CROSS JOIN invoices i
                WHERE l.time_entry_id = x.time_entry_id AND p.seq = l.seq AND \(Self.current("p")) AND i.invoice_id = p.invoice_id
                GROUP BY p.invoice_id, l.time_entry_id
            ),
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
                                doubleBilledAt: Timestamp(microseconds: row.int64(6)), amount: ExactDecimal(units: row.int64(7)))
            }
    }

    /// §10.4: milestones whose latest acceptance is at or before T and that no posting at or before T names.
    func unbilledMilestoneRows() throws(StoreError) -> [UnbilledMilestoneRow] {
        try connection.statement("""
            SELECT m.milestone_id, m.contract_id, m.currency, m.amount_units, m.occurred_at
            FROM milestone_acceptances m
            WHERE \(Self.current("m")) AND NOT EXISTS (
                SELECT 1 FROM invoice_lines l JOIN invoice_postings p ON p.seq = l.seq
                WHERE l.milestone_id = m.milestone_id AND p.occurred_at <= ?1)
            """)
            .bind(reconciliationBindings)
            .rows { row throws(StoreError) in
                UnbilledMilestoneRow(milestoneID: row.text(0), contractID: row.text(1), currency: row.text(2),
                                     amount: ExactDecimal(units: row.int64(3)), acceptedAt: Timestamp(microseconds: row.int64(4)))
            }
    }

    /// §10.5: contracts approved by T, their invoices in the approval's currency against the value in effect on T's
    /// date (the highest version effective by then that changes it, else the approval's); only those invoiced beyond it.
    /// Only the contracts whose postings can exceed their value at some T are read (``SQLiteContractValueBounds``).
    func overContractValueRows() throws(StoreError) -> [OverContractValueRow] {
        try connection.statement(Self.overContractValue)
            .bind(reconciliationBindings)
            .rows { row throws(StoreError) in
                OverContractValueRow(contractID: row.text(0), currency: row.text(1), value: ExactDecimal(units: row.int64(2)),
                                     invoiced: ExactDecimal(units: row.int64(3)), invoices: Int(row.int64(4)))
            }
    }

    /// §10.5's statement (`?1` T, `?2` the window's start, unused, `?3` T's UTC date).
    static let overContractValue = """
        WITH billed AS (
            SELECT p.contract_id, p.currency, sum(p.total_units) AS invoiced, count(*) AS invoices
            FROM invoice_postings p
            WHERE p.contract_id IN (\(SQLiteContractValueBounds.candidates)) AND \(Self.current("p")) GROUP BY 1, 2
        ),
        terms AS MATERIALIZED (
            SELECT * FROM contract_terms t WHERE \(Self.current("t")) AND t.contract_id IN (SELECT contract_id FROM billed)
        ),
        -- The highest version's value (the bare column of max()), one row per contract.
        amended AS (
            SELECT contract_id, max(version), total_value_units FROM terms
            WHERE amendment = 1 AND effective_date <= ?3 AND total_value_units IS NOT NULL GROUP BY contract_id
        ),
        valued AS (
            SELECT b.*, coalesce(v.total_value_units, a.total_value_units) AS value
            FROM billed b JOIN terms a ON a.contract_id = b.contract_id AND a.amendment = 0 AND a.currency = b.currency
            LEFT JOIN amended v ON v.contract_id = b.contract_id
        )
        SELECT contract_id, currency, value, invoiced, invoices FROM valued WHERE invoiced > value
        """
}
