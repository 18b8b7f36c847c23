import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Signal 10 (golden-signals.md §10, billing reconciliation) from its projection (``PostgresReconciliationProjection``),
/// as of T: the latest posting of each invoice, approval of each entry and contract, and amendment of each
/// (contract, version) at or before T are the rows that ``current(_:)`` keeps. Money is `numeric` (exact) from the
/// payload to the comparison, and leaves SQL as its text; only what a control finds leaves SQL. The projection's text
/// columns compare byte by byte (`COLLATE "C"`), as SQLite's do: dates and the tie between invoices order so.
extension PostgresSignalQueries {
    /// The rows of `controls`; the others' lists stay empty, unread.
    func reconciliationRows(of controls: Set<ReconciliationControl>) async throws -> ReconciliationRows {
        var rows = ReconciliationRows()
        if controls.contains(.rateLeakage) { try await forEachRateLeakageRow { rows.rateLeakage.append($0) } }
        if controls.contains(.billingMismatch) { rows.billingMismatch = try await billingMismatchRows() }
        if controls.contains(.doubleBilled) { rows.doubleBilled = try await doubleBilledRows() }
        if controls.contains(.unbilledMilestones) { rows.unbilledMilestones = try await unbilledMilestoneRows() }
        if controls.contains(.overContractValue) { rows.overContractValue = try await overContractValueRows() }
        return rows
    }

    /// The signal the five controls' rows add up to, the rate leakage rows added as they are read, not held. With
    /// `billing` (§10.1 and §10.2, read on another connection of the same snapshot), only the other three are read here.
    func reconciliation(billing: BillingControls?) async throws -> Reconciliation {
        let billing = if let billing { billing } else { try await billingControls() }
        var rows = try await reconciliationRows(of: [.doubleBilled, .unbilledMilestones, .overContractValue])
        rows.billingMismatch = billing.mismatches
        var signal = Reconciliation(rows: rows, asOf: asOf)
        signal.rateLeakage = billing.rateLeakage
        return signal
    }

    /// §10.1 added up as read, and §10.2's rows.
    func billingControls() async throws -> BillingControls {
        var leakage = Reconciliation()
        try await forEachRateLeakageRow { leakage.add($0) }
        return BillingControls(rateLeakage: leakage.rateLeakage, mismatches: try await billingMismatchRows())
    }

    /// The condition that the projection row `alias` is the latest about its subject at or before T.
    private func current(_ alias: String) -> String {
        "\(alias).occurred_at <= \(t) AND (\(alias).superseded_at IS NULL OR \(alias).superseded_at > \(t))"
    }

    /// `posting`: the latest posting at or before T of each invoice first posted in the window, with that time as
    /// `posted_at` (from the invoices by posting time).
    private var windowPostings: String {
        """
        posting AS (
            SELECT p.*, i.posted_at FROM invoices i JOIN reconciliation_invoice_postings p ON p.invoice_id = i.invoice_id COLLATE "C"
            WHERE i.posted_at > \(windowStart) AND i.posted_at <= \(t) AND \(current("p"))
        )
        """
    }

    /// §10.1: entries whose latest approval is in the window, against the card rate in effect for their role on their
    /// work date: the highest version listing the role among the approval's card (1) and the amendments effective by
    /// then (the last listing within one card), which is what applying them in version order leaves.
    func forEachRateLeakageRow(_ body: (RateLeakageRow) -> Void) async throws {
        for try await row in try await rows("""
            WITH priced AS MATERIALIZED (
                SELECT a.seq, a.contract_id, a.role, a.work_date, a.rate FROM reconciliation_time_approvals a
                WHERE a.occurred_at > \(windowStart) AND \(current("a"))
            ),
            card AS MATERIALIZED (
                SELECT t.contract_id, t.version, t.effective_date, r.position, r.role, r.rate
                FROM reconciliation_contract_terms t JOIN reconciliation_contract_rates r ON r.seq = t.seq
                WHERE \(current("t")) AND t.contract_id IN (SELECT contract_id FROM priced)
                  AND EXISTS (SELECT FROM reconciliation_contract_terms v
                              WHERE v.contract_id = t.contract_id AND NOT v.amendment AND v.occurred_at <= \(t))
            ),
            -- Each approval's card rate: the highest version (then the last listing) of those that apply, in one join.
            rated AS (
                SELECT DISTINCT ON (p.seq) p.seq, p.rate, c.rate AS expected, c.version AS expected_version,
                       c.effective_date AS expected_effective_date
                FROM priced p
                LEFT JOIN card c ON c.contract_id = p.contract_id AND c.role = p.role
                     AND (c.version = 1 OR c.effective_date <= p.work_date)
                ORDER BY p.seq, c.version DESC NULLS LAST, c.position DESC NULLS LAST
            )
            SELECT a.time_entry_id, a.contract_id, a.role, a.work_date, a.hours::text, a.rate::text, a.currency, a.occurred_at,
                   r.expected::text, r.expected_version, r.expected_effective_date
            FROM rated r JOIN reconciliation_time_approvals a ON a.seq = r.seq
            WHERE r.expected IS NULL OR r.expected <> r.rate
            """).decode((String, String, String, String, String, String, String, Int64, String?, Int64?, String?).self) {
            if let leak = try ReconciliationCandidates.rateLeakage(
                timeEntryID: row.0, contractID: row.1, role: row.2, workDate: row.3, hours: row.4, rate: row.5, currency: row.6,
                approvedAt: row.7, expected: row.8, expectedVersion: row.9, expectedEffectiveDate: row.10) {
                body(leak)
            }
        }
    }

    /// §10.2: each (invoice, entry) pair of the invoices posted in the window, against the entry's latest approval.
    func billingMismatchRows() async throws -> [BillingMismatchRow] {
        var found: [BillingMismatchRow] = []
        for try await row in try await rows("""
            WITH \(windowPostings),
            pair AS (
                SELECT p.invoice_id, p.posted_at, p.contract_id, p.currency, l.time_entry_id, sum(l.amount) AS billed
                FROM posting p JOIN reconciliation_invoice_lines l ON l.seq = p.seq
                WHERE l.time_entry_id IS NOT NULL
                GROUP BY 1, 2, 3, 4, 5
            )
            -- One probe of the covering index per pair: at most one approval of an entry is current at T.
            SELECT p.invoice_id, p.time_entry_id, p.contract_id, p.posted_at, p.currency, p.billed::text, a.amount::text, a.currency
            FROM pair p LEFT JOIN LATERAL (
                SELECT a.seq, a.amount, a.currency FROM reconciliation_time_approvals a
                WHERE a.time_entry_id = p.time_entry_id AND \(current("a")) LIMIT 1
            ) a ON true
            WHERE a.seq IS NULL OR a.currency <> p.currency OR a.amount <> p.billed
            """).decode((String, String, String, Int64, String, String, String?, String?).self) {
            if let mismatch = try ReconciliationCandidates.billingMismatch(
                invoiceID: row.0, timeEntryID: row.1, contractID: row.2, postedAt: row.3, currency: row.4, billed: row.5,
                approvedAmount: row.6, approvedCurrency: row.7) {
                found.append(mismatch)
            }
        }
        return found
    }

    /// §10.3: entries whose second invoice (posting order, tie: `invoice_id`) was posted in the window, one row per
    /// invoice after the first. Two statements: the entries that the window's invoices name and some other posting names
    /// too (most are on one invoice only: the index by entry says so), then every latest posting at or before T naming
    /// them. The second statement is given the entries as an array, so the planner knows they are few (a few hundred
    /// of the window's 77,000 pairs at 1M events) and probes the index by entry; given the first as a CTE, it
    /// guessed 100 times as many and hashed every invoice line (`Benchmarks/README.md`).
    func doubleBilledRows() async throws -> [DoubleBilledRow] {
        let entries = try await entriesBilledElsewhere()
        guard !entries.isEmpty else { return [] }
        var found: [DoubleBilledRow] = []
        for try await row in try await rows("""
            WITH pair AS (
                SELECT p.invoice_id, i.posted_at, p.contract_id, p.currency, l.time_entry_id, sum(l.amount) AS billed
                FROM reconciliation_invoice_lines l
                JOIN reconciliation_invoice_postings p ON p.seq = l.seq AND \(unescaped: current("p"))
                JOIN invoices i ON i.invoice_id COLLATE "C" = p.invoice_id
                WHERE l.time_entry_id = ANY(\(entries)::text[])
                GROUP BY 1, 2, 3, 4, 5
            ),
            ranked AS (
                SELECT p.*, row_number() OVER (PARTITION BY time_entry_id ORDER BY posted_at, invoice_id) AS n FROM pair p
            ),
            second AS (SELECT time_entry_id, posted_at AS doubled_at FROM ranked WHERE n = 2 AND posted_at > \(unescaped: String(windowStart))),
            first AS (SELECT time_entry_id, invoice_id FROM ranked WHERE n = 1)
            SELECT r.time_entry_id, r.contract_id, f.invoice_id, r.invoice_id, r.posted_at, r.currency, s.doubled_at, r.billed::text
            FROM ranked r JOIN second s ON s.time_entry_id = r.time_entry_id JOIN first f ON f.time_entry_id = r.time_entry_id
            WHERE r.n >= 2
            """ as PostgresQuery).decode((String, String, String, String, Int64, String, Int64, String).self) {
            found.append(DoubleBilledRow(timeEntryID: row.0, contractID: row.1, firstInvoiceID: row.2, invoiceID: row.3,
                                        postedAt: Timestamp(microseconds: row.4), currency: row.5,
                                        doubleBilledAt: Timestamp(microseconds: row.6), amount: try ReconciliationCandidates.decimal(row.7)))
        }
        return found
    }

    /// The entries that an invoice posted in the window names and some other posting names too.
    private func entriesBilledElsewhere() async throws -> [String] {
        var entries: [String] = []
        for try await entry in try await rows("""
            WITH \(windowPostings)
            SELECT DISTINCT l.time_entry_id FROM posting p JOIN reconciliation_invoice_lines l ON l.seq = p.seq
            WHERE l.time_entry_id IS NOT NULL
              AND EXISTS (SELECT FROM reconciliation_invoice_lines other
                          WHERE other.time_entry_id = l.time_entry_id AND other.seq <> l.seq)
            """).decode(String.self) {
            entries.append(entry)
        }
        return entries
    }

    /// §10.4: milestones whose latest acceptance is at or before T and that no posting at or before T names.
    func unbilledMilestoneRows() async throws -> [UnbilledMilestoneRow] {
        var found: [UnbilledMilestoneRow] = []
        for try await row in try await rows("""
            SELECT m.milestone_id, m.contract_id, m.currency, m.amount::text, m.occurred_at
            FROM reconciliation_milestone_acceptances m
            WHERE \(current("m")) AND NOT EXISTS (
                SELECT FROM reconciliation_invoice_lines l JOIN reconciliation_invoice_postings p ON p.seq = l.seq
                WHERE l.milestone_id = m.milestone_id AND p.occurred_at <= \(t))
            """).decode((String, String, String, String, Int64).self) {
            found.append(UnbilledMilestoneRow(milestoneID: row.0, contractID: row.1, currency: row.2,
                                             amount: try ReconciliationCandidates.decimal(row.3), acceptedAt: Timestamp(microseconds: row.4)))
        }
        return found
    }

    /// §10.5: contracts approved by T, their invoices in the approval's currency against the value in effect on T's
    /// date (the highest version effective by then that changes it, else the approval's).
    func overContractValueRows() async throws -> [OverContractValueRow] {
        let date = asOf.civilDate.description
        var found: [OverContractValueRow] = []
        for try await row in try await rows("""
            WITH billed AS (
                SELECT p.contract_id, p.currency, sum(p.total) AS invoiced, count(*) AS invoices
                FROM reconciliation_invoice_postings p WHERE \(current("p")) GROUP BY 1, 2
            ),
            -- Every current terms row: one scan, cheaper than probing the index once per billed contract.
            terms AS MATERIALIZED (
                SELECT * FROM reconciliation_contract_terms t WHERE \(current("t"))
            ),
            amended AS (
                SELECT DISTINCT ON (contract_id) contract_id, total_value FROM terms
                WHERE amendment AND effective_date <= '\(date)' AND total_value IS NOT NULL
                ORDER BY contract_id, version DESC
            ),
            valued AS (
                SELECT b.*, coalesce(m.total_value, a.total_value) AS value
                FROM billed b JOIN terms a ON a.contract_id = b.contract_id AND NOT a.amendment AND a.currency = b.currency
                LEFT JOIN amended m ON m.contract_id = b.contract_id
            )
            SELECT contract_id, currency, value::text, invoiced::text, invoices FROM valued WHERE invoiced > value
            """).decode((String, String, String, String, Int).self) {
            if let over = try ReconciliationCandidates.overContractValue(contractID: row.0, currency: row.1, value: row.2,
                                                                          invoiced: row.3, invoices: row.4) {
                found.append(over)
            }
        }
        return found
    }

    private func rows(_ sql: String) async throws -> PostgresRowSequence {
        try await rows(PostgresQuery(unsafeSQL: sql))
    }
}

/// §10.1 added up per currency and §10.2's rows: the half of §10 that a second connection reads
/// (``PostgresSignalQueries/compute(_:sharing:)``).
struct BillingControls: Sendable {
    var rateLeakage: [String: RateLeakage]
    var mismatches: [BillingMismatchRow]
}
