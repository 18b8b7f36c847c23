import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Signal 10 (golden-signals.md §10, billing reconciliation) from the log's payloads, as of T, through the log's
/// index by (type, entity): the latest posting of each invoice, approval of each entry and contract, and amendment
/// of each (contract, version) at or before T, ties to the later arrival. Money is `numeric` (exact) from the JSON to
/// the comparison, and leaves SQL as its text; only what a control finds leaves SQL.
extension PostgresSignalQueries {
    /// Every row of the five controls.
    func reconciliationRows() async throws -> ReconciliationRows {
        ReconciliationRows(rateLeakage: try await rateLeakageRows(), billingMismatch: try await billingMismatchRows(),
                           doubleBilled: try await doubleBilledRows(), unbilledMilestones: try await unbilledMilestoneRows(),
                           overContractValue: try await overContractValueRows())
    }

    /// The events of `type` at or before T about the entities `keys` lists, the latest of each `partition` (the entity
    /// unless told), as `(entity_key, occurred_at, d)`: `d` the payload's `data`.
    private func latest(_ type: EventType, about keys: String, partition: String = "entity_key") -> String {
        """
        SELECT DISTINCT ON (\(partition)) entity_key, occurred_at, payload::jsonb -> 'data' AS d
        FROM events WHERE type = '\(type.rawValue)' AND entity_key IN (\(keys)) AND occurred_at <= \(t)
        ORDER BY \(partition), occurred_at DESC, seq DESC
        """
    }

    /// The latest amendment of each (contract, version) at or before T, of the contracts `keys` lists.
    private func latestAmendments(of keys: String) -> String {
        latest(.contractAmended, about: keys, partition: "entity_key, (payload::jsonb -> 'data' ->> 'version')::bigint")
    }

    /// `invoice(invoice_id, posted_at, d)`: the invoices whose posting time satisfies `postedAt`, each as its latest
    /// posting at or before T; `pair(...)`: each (invoice, time entry) it names, with the sum of those lines.
    private func invoicePairs(postedAt: String) -> String {
        """
        invoice AS (
            SELECT e.entity_key AS invoice_id, i.posted_at, e.d
            FROM (\(latest(.invoicePosted, about: "SELECT invoice_id FROM invoices i WHERE \(postedAt)"))) e
            JOIN invoices i ON i.invoice_id = e.entity_key
        ),
        pair AS (
            SELECT v.invoice_id, v.posted_at, v.d ->> 'contract_id' AS contract_id, v.d ->> 'currency' AS currency,
                   l.item ->> 'time_entry_id' AS time_entry_id, sum((l.item ->> 'amount')::numeric) AS billed
            FROM invoice v, jsonb_array_elements(v.d -> 'lines') AS l(item)
            WHERE l.item ->> 'time_entry_id' IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5
        )
        """
    }

    /// §10.1: entries whose latest approval is in the window, against the card rate in effect for their role on their
    /// work date: the highest version listing the role among the approval's card (1) and the amendments effective by
    /// then (the last listing within one card), which is what applying them in version order leaves.
    func rateLeakageRows() async throws -> [RateLeakageRow] {
        var found: [RateLeakageRow] = []
        for try await row in try await rows("""
            WITH entry AS (
                \(latest(.timeApproved, about: """
                    SELECT entity_key FROM events WHERE type = 'time.approved' AND occurred_at > \(windowStart) AND occurred_at <= \(t)
                    """))
            ),
            priced AS (
                SELECT entity_key AS time_entry_id, occurred_at AS approved_at, d ->> 'contract_id' AS contract_id, d ->> 'role' AS role,
                       d ->> 'work_date' AS work_date, (d ->> 'hours')::numeric AS hours, (d ->> 'rate')::numeric AS rate,
                       d ->> 'currency' AS currency
                FROM entry WHERE occurred_at > \(windowStart)
            ),
            approval AS (\(latest(.contractApproved, about: "SELECT contract_id FROM priced"))),
            card AS MATERIALIZED (
                SELECT a.entity_key AS contract_id, 1::bigint AS version, NULL::text AS effective_date, r.position,
                       r.item ->> 'role' AS role, (r.item ->> 'rate')::numeric AS rate
                FROM approval a, jsonb_array_elements(a.d -> 'rate_card') WITH ORDINALITY AS r(item, position)
                UNION ALL
                SELECT m.entity_key, (m.d ->> 'version')::bigint, m.d ->> 'effective_date', r.position,
                       r.item ->> 'role', (r.item ->> 'rate')::numeric
                FROM (\(latestAmendments(of: "SELECT entity_key FROM approval"))) m,
                     jsonb_array_elements(coalesce(m.d -> 'changes' -> 'rate_card', '[]'::jsonb)) WITH ORDINALITY AS r(item, position)
            ),
            -- Each entry's card rate: the highest version (then the last listing) of those that apply, in one join.
            rated AS (
                SELECT DISTINCT ON (p.time_entry_id) p.*, c.rate AS expected, c.version, c.effective_date
                FROM priced p
                LEFT JOIN card c ON c.contract_id = p.contract_id AND c.role = p.role
                     AND (c.version = 1 OR c.effective_date COLLATE "C" <= p.work_date COLLATE "C")
                ORDER BY p.time_entry_id, c.version DESC NULLS LAST, c.position DESC NULLS LAST
            )
            SELECT time_entry_id, contract_id, role, work_date, hours::text, rate::text, currency, approved_at,
                   expected::text, version, effective_date
            FROM rated WHERE expected IS NULL OR expected <> rate
            """).decode((String, String, String, String, String, String, String, Int64, String?, Int64?, String?).self) {
            if let leak = try ReconciliationCandidates.rateLeakage(
                timeEntryID: row.0, contractID: row.1, role: row.2, workDate: row.3, hours: row.4, rate: row.5, currency: row.6,
                approvedAt: row.7, expected: row.8, expectedVersion: row.9, expectedEffectiveDate: row.10) {
                found.append(leak)
            }
        }
        return found
    }

    /// §10.2: each (invoice, entry) pair of the invoices posted in the window, against the entry's latest approval.
    func billingMismatchRows() async throws -> [BillingMismatchRow] {
        var found: [BillingMismatchRow] = []
        for try await row in try await rows("""
            WITH \(invoicePairs(postedAt: "i.posted_at > \(windowStart) AND i.posted_at <= \(t)")),
            approval AS (\(latest(.timeApproved, about: "SELECT time_entry_id FROM pair")))
            SELECT p.invoice_id, p.time_entry_id, p.contract_id, p.posted_at, p.currency, p.billed::text,
                   (a.d ->> 'amount')::numeric::text, a.d ->> 'currency'
            FROM pair p LEFT JOIN approval a ON a.entity_key = p.time_entry_id
            WHERE a.d IS NULL OR a.d ->> 'currency' <> p.currency OR (a.d ->> 'amount')::numeric <> p.billed
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
    /// invoice after the first.
    func doubleBilledRows() async throws -> [DoubleBilledRow] {
        var found: [DoubleBilledRow] = []
        for try await row in try await rows("""
            WITH \(invoicePairs(postedAt: "i.posted_at <= \(t)")),
            ranked AS (
                SELECT p.*, row_number() OVER (PARTITION BY time_entry_id ORDER BY posted_at, invoice_id COLLATE "C") AS n FROM pair p
            ),
            second AS (SELECT time_entry_id, posted_at AS doubled_at FROM ranked WHERE n = 2 AND posted_at > \(windowStart)),
            first AS (SELECT time_entry_id, invoice_id FROM ranked WHERE n = 1)
            SELECT r.time_entry_id, r.contract_id, f.invoice_id, r.invoice_id, r.posted_at, r.currency, s.doubled_at, r.billed::text
            FROM ranked r JOIN second s ON s.time_entry_id = r.time_entry_id JOIN first f ON f.time_entry_id = r.time_entry_id
            WHERE r.n >= 2
            """).decode((String, String, String, String, Int64, String, Int64, String).self) {
            found.append(DoubleBilledRow(timeEntryID: row.0, contractID: row.1, firstInvoiceID: row.2, invoiceID: row.3,
                                        postedAt: Timestamp(microseconds: row.4), currency: row.5,
                                        doubleBilledAt: Timestamp(microseconds: row.6), amount: try ReconciliationCandidates.decimal(row.7)))
        }
        return found
    }

    /// §10.4: milestones whose latest acceptance is at or before T and that no posting at or before T names.
    func unbilledMilestoneRows() async throws -> [UnbilledMilestoneRow] {
        var found: [UnbilledMilestoneRow] = []
        for try await row in try await rows("""
            WITH accepted AS (
                SELECT DISTINCT ON (entity_key) entity_key, occurred_at, payload::jsonb -> 'data' AS d
                FROM events WHERE type = 'milestone.accepted' AND occurred_at <= \(t)
                ORDER BY entity_key, occurred_at DESC, seq DESC
            )
            SELECT entity_key, d ->> 'contract_id', d ->> 'currency', (d ->> 'amount')::numeric::text, occurred_at FROM accepted
            WHERE entity_key NOT IN (
                SELECT l.item ->> 'milestone_id' FROM events e, jsonb_array_elements(e.payload::jsonb -> 'data' -> 'lines') AS l(item)
                WHERE e.type = 'invoice.posted' AND e.occurred_at <= \(t) AND l.item ->> 'milestone_id' IS NOT NULL)
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
            WITH invoice AS (\(latest(.invoicePosted, about: "SELECT invoice_id FROM invoices WHERE posted_at <= \(t)"))),
            billed AS (
                SELECT d ->> 'contract_id' AS contract_id, d ->> 'currency' AS currency, sum((d ->> 'total')::numeric) AS invoiced,
                       count(*) AS invoices
                FROM invoice GROUP BY 1, 2
            ),
            approval AS (\(latest(.contractApproved, about: "SELECT contract_id FROM billed"))),
            amendment AS (\(latestAmendments(of: "SELECT entity_key FROM approval"))),
            amended AS (
                SELECT DISTINCT ON (entity_key) entity_key, (d -> 'changes' ->> 'total_value')::numeric AS value FROM amendment
                WHERE d ->> 'effective_date' COLLATE "C" <= '\(date)' COLLATE "C" AND d -> 'changes' -> 'total_value' IS NOT NULL
                ORDER BY entity_key, (d ->> 'version')::bigint DESC
            ),
            valued AS (
                SELECT b.*, coalesce(m.value, (a.d ->> 'total_value')::numeric) AS value
                FROM billed b JOIN approval a ON a.entity_key = b.contract_id AND a.d ->> 'currency' = b.currency
                LEFT JOIN amended m ON m.entity_key = b.contract_id
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
