-- The floor for `signals`: the same reads as SQLiteSignalQueries, run by the sqlite3 CLI
-- (as of 2026-11-23T00:00:00Z = 1795392000000000 µs, window 7 days; hour 498720; bucket edges T − 8, 31, 61 days
-- fall in hours 498528, 497976, 497256). Amendments read the payloads the store decodes.
-- Activation: latencies in the window, then pending as two index ranges.
SELECT count(*), max(activated_at - approved_at) FROM contracts
 WHERE activated_at > 1795392000000000 - 604800000000 AND activated_at <= 1795392000000000 AND approved_at <= 1795392000000000;
SELECT sum(n), min(oldest) FROM (
  SELECT count(*) AS n, min(approved_at) AS oldest FROM contracts WHERE activated_at IS NULL AND approved_at <= 1795392000000000
  UNION ALL
  SELECT count(*), min(approved_at) FROM contracts INDEXED BY contracts_by_activation
   WHERE activated_at > 1795392000000000 AND approved_at <= 1795392000000000);
-- Provisioning.
SELECT count(*) FROM events WHERE type = 'project.provisioned'
 AND occurred_at > 1795392000000000 - 604800000000 AND occurred_at <= 1795392000000000;
SELECT count(*) FROM events WHERE type = 'project.provisioning_failed'
 AND occurred_at > 1795392000000000 - 604800000000 AND occurred_at <= 1795392000000000;
SELECT count(*), sum(first_provisioning_ok) FROM contracts
 WHERE first_provisioning_at > 1795392000000000 - 604800000000 AND first_provisioning_at <= 1795392000000000;
-- Amendments: the amendments in the window and every application to those contracts by T.
SELECT seq, payload FROM events WHERE type = 'contract.amended'
 AND occurred_at > 1795392000000000 - 604800000000 AND occurred_at <= 1795392000000000;
SELECT seq, payload FROM events WHERE type = 'amendment.applied' AND occurred_at <= 1795392000000000 AND entity_key IN (
  SELECT entity_key FROM events WHERE type = 'contract.amended'
   AND occurred_at > 1795392000000000 - 604800000000 AND occurred_at <= 1795392000000000);
-- Unbilled: whole hours from the aggregate, the hours cut by T or an edge entry by entry, billed after T, re-approved after T.
SELECT currency, (1795392000000000 - hour * 3600000000) / 86400000000 AS age, sum(hours_units), sum(amount_units), sum(entries)
 FROM unbilled_hours WHERE hour < 498720 AND hour NOT IN (498720, 498528, 497976, 497256) GROUP BY currency, age;
SELECT currency, (1795392000000000 - approved_at) / 86400000000 AS age, sum(hours_units), sum(amount_units), count(*)
 FROM time_entries WHERE billed_at IS NULL AND approved_at >= 1795392000000000 AND approved_at <= 1795392000000000 GROUP BY currency, age;
SELECT currency, (1795392000000000 - approved_at) / 86400000000 AS age, sum(hours_units), sum(amount_units), count(*)
 FROM time_entries WHERE billed_at IS NULL AND approved_at >= 1794700800000000 AND approved_at < 1794704400000000 GROUP BY currency, age;
SELECT currency, (1795392000000000 - approved_at) / 86400000000 AS age, sum(hours_units), sum(amount_units), count(*)
 FROM time_entries WHERE billed_at IS NULL AND approved_at >= 1792713600000000 AND approved_at < 1792717200000000 GROUP BY currency, age;
SELECT currency, (1795392000000000 - approved_at) / 86400000000 AS age, sum(hours_units), sum(amount_units), count(*)
 FROM time_entries WHERE billed_at IS NULL AND approved_at >= 1790121600000000 AND approved_at < 1790125200000000 GROUP BY currency, age;
SELECT currency, (1795392000000000 - approved_at) / 86400000000 AS age, sum(hours_units), sum(amount_units), count(*)
 FROM time_entries WHERE billed_at > 1795392000000000 AND approved_at <= 1795392000000000 GROUP BY currency, age;
SELECT approval_seqs FROM time_entries WHERE billed_at IS NULL AND approved_at > 1795392000000000
UNION ALL
SELECT approval_seqs FROM time_entries WHERE billed_at > 1795392000000000 AND approved_at > 1795392000000000;
-- Exceptions.
SELECT kind, count(*), min(raised_at) FROM exceptions
 WHERE raised_at <= 1795392000000000 AND (closed_at IS NULL OR closed_at > 1795392000000000) AND kind_at <= 1795392000000000
 GROUP BY kind;
SELECT exception_id, raised_at FROM exceptions
 WHERE raised_at <= 1795392000000000 AND (closed_at IS NULL OR closed_at > 1795392000000000) AND kind_at > 1795392000000000;
SELECT count(*) FROM exceptions WHERE raised_at > 1795392000000000 - 604800000000 AND raised_at <= 1795392000000000;
SELECT count(*) FROM exceptions WHERE closed_at > 1795392000000000 - 604800000000 AND closed_at <= 1795392000000000
 AND raised_at <= 1795392000000000;
-- v2 (golden-signals.md §6–9). Window start 1794787200000000 µs, in hour 498552.
-- Time to invoice: entries first billed in the window from the projected approval (a negative difference is an entry
-- approved again after its invoice, read apart by key; none in this store, so the store reads no more).
SELECT billed_at - approved_at FROM time_entries
 WHERE billed_at > 1794787200000000 AND billed_at <= 1795392000000000 AND approved_at IS NOT NULL;
-- Resolution time: exceptions first closed in the window, with how each was closed first.
SELECT x.exception_id, x.correlation_id, x.raised_at, x.closed_at, x.kind, x.kind_at,
       (SELECT type FROM events WHERE entity_key = x.exception_id AND type <> 'time.approved'
          AND type IN ('exception.resolved', 'exception.dismissed') ORDER BY occurred_at, seq LIMIT 1)
 FROM exceptions x WHERE x.closed_at > 1794787200000000 AND x.closed_at <= 1795392000000000 AND x.raised_at <= 1795392000000000;
-- Invoice to cash: paid in the window, owed per currency (a scan: most invoices are unpaid), and the invoices to
-- fold as of T from the log.
SELECT max(paid_at - posted_at, 0) FROM invoices
 WHERE paid_at > 1794787200000000 AND paid_at <= 1795392000000000 AND posted_at <= 1795392000000000
   AND latest_posting_at <= 1795392000000000;
SELECT currency, count(*), sum(total_units - paid_units) FROM invoices
 WHERE +paid_at IS NULL AND +posted_at <= 1795392000000000 AND +latest_posting_at <= 1795392000000000
   AND (last_payment_at IS NULL OR +last_payment_at <= 1795392000000000) GROUP BY currency;
SELECT invoice_id FROM invoices WHERE latest_posting_at > 1795392000000000 AND posted_at <= 1795392000000000
UNION
SELECT invoice_id FROM invoices WHERE last_payment_at > 1795392000000000 AND posted_at <= 1795392000000000
   AND latest_posting_at <= 1795392000000000 AND (paid_at IS NULL OR paid_at > 1795392000000000);
-- Throughput: whole hours, then the two hours the window's edges cut (their times are counted by the store).
SELECT source, sum(events) FROM event_hours WHERE hour > 498552 AND hour < 498720 GROUP BY source;
SELECT source, times FROM event_hours WHERE hour IN (498552, 498720);

-- v3 (golden-signals.md §10, billing reconciliation): the store's five statements (SQLiteReconciliationQueries), as of T
-- over the same window, T's UTC date '2026-11-23'. Money leaves SQL as JSON text; the store compares it exactly.
-- Rate leakage: entries whose latest approval is in the window, the card rate in effect for their role on their work date.
WITH entry AS (SELECT x.time_entry_id, a.occurred_at AS approved_at, a.payload FROM time_entries x, events a
  WHERE x.approved_at > 1794787200000000 AND a.seq = (SELECT e.seq FROM time_entries approved, json_each('[' || approved.approval_seqs || ']') s, events e WHERE approved.time_entry_id = x.time_entry_id AND e.seq = s.value AND e.occurred_at <= 1795392000000000 ORDER BY e.occurred_at DESC, e.seq DESC LIMIT 1) AND a.occurred_at > 1794787200000000),
priced AS (SELECT time_entry_id, approved_at, payload ->> '$.data.contract_id' AS contract_id, payload ->> '$.data.role' AS role,
  payload ->> '$.data.work_date' AS work_date, payload -> '$.data.hours' AS hours, payload -> '$.data.rate' AS rate, payload ->> '$.data.currency' AS currency FROM entry),
approval AS MATERIALIZED (SELECT c.contract_id, (SELECT payload FROM events WHERE entity_key = c.contract_id AND type = 'contract.approved' AND type <> 'time.approved' AND occurred_at <= 1795392000000000 ORDER BY occurred_at DESC, seq DESC LIMIT 1) AS payload FROM contracts c
  WHERE c.approved_at <= 1795392000000000 AND c.contract_id IN (SELECT contract_id FROM priced)),
card AS MATERIALIZED (SELECT a.contract_id, 1 AS version, NULL AS effective_date, r.key AS position, r.value ->> '$.role' AS role, r.value -> '$.rate' AS rate
  FROM approval a, json_each(a.payload, '$.data.rate_card') r
  UNION ALL
  SELECT m.contract_id, m.payload ->> '$.data.version', m.payload ->> '$.data.effective_date', r.key, r.value ->> '$.role', r.value -> '$.rate'
  FROM (SELECT contract_id, payload FROM (SELECT entity_key AS contract_id, payload, row_number() OVER (PARTITION BY entity_key, payload ->> '$.data.version' ORDER BY occurred_at DESC, seq DESC) AS n FROM events WHERE entity_key IN (SELECT contract_id FROM approval) AND type = 'contract.amended' AND type <> 'time.approved' AND occurred_at <= 1795392000000000) WHERE n = 1) m, json_each(m.payload, '$.data.changes.rate_card') r)
SELECT p.time_entry_id, p.contract_id, p.role, p.work_date, p.hours, p.rate, p.currency, p.approved_at,
       max(c.version * 4294967296 + c.position), c.rate, c.version, c.effective_date
FROM priced p LEFT JOIN card c ON c.contract_id = p.contract_id AND c.role = p.role AND (c.version = 1 OR c.effective_date <= p.work_date)
GROUP BY p.time_entry_id;
-- Billing mismatch: each (invoice, entry) of the invoices posted in the window, against the entry's latest approval.
WITH invoice AS (SELECT i.invoice_id, i.posted_at, (SELECT payload FROM events WHERE entity_key = i.invoice_id AND type = 'invoice.posted' AND type <> 'time.approved' AND occurred_at <= 1795392000000000 ORDER BY occurred_at DESC, seq DESC LIMIT 1) AS payload FROM invoices i WHERE i.posted_at > 1794787200000000 AND i.posted_at <= 1795392000000000),
 line AS MATERIALIZED (SELECT v.invoice_id, v.posted_at, v.payload ->> '$.data.contract_id' AS contract_id, v.payload ->> '$.data.currency' AS currency, l.value ->> '$.time_entry_id' AS time_entry_id, l.value -> '$.amount' AS amount FROM invoice v, json_each(v.payload, '$.data.lines') l WHERE l.value ->> '$.time_entry_id' IS NOT NULL),
 pair AS (SELECT invoice_id, posted_at, contract_id, currency, time_entry_id, group_concat(amount, ' ') AS billed FROM line WHERE true GROUP BY invoice_id, time_entry_id),
approved AS (SELECT p.*, (SELECT e.payload FROM time_entries approved, json_each('[' || approved.approval_seqs || ']') s, events e WHERE approved.time_entry_id = p.time_entry_id AND e.seq = s.value AND e.occurred_at <= 1795392000000000 ORDER BY e.occurred_at DESC, e.seq DESC LIMIT 1) AS approval FROM pair p)
SELECT invoice_id, time_entry_id, contract_id, posted_at, currency, billed, approval -> '$.data.amount', approval ->> '$.data.currency' FROM approved;
-- Double billing: the entries of the window's invoices, on every invoice as of T, in posting order.
WITH invoice AS (SELECT i.invoice_id, i.posted_at, (SELECT payload FROM events WHERE entity_key = i.invoice_id AND type = 'invoice.posted' AND type <> 'time.approved' AND occurred_at <= 1795392000000000 ORDER BY occurred_at DESC, seq DESC LIMIT 1) AS payload FROM invoices i WHERE i.posted_at <= 1795392000000000),
 line AS MATERIALIZED (SELECT v.invoice_id, v.posted_at, v.payload ->> '$.data.contract_id' AS contract_id, v.payload ->> '$.data.currency' AS currency, l.value ->> '$.time_entry_id' AS time_entry_id, l.value -> '$.amount' AS amount FROM invoice v, json_each(v.payload, '$.data.lines') l WHERE l.value ->> '$.time_entry_id' IS NOT NULL),
 pair AS (SELECT invoice_id, posted_at, contract_id, currency, time_entry_id, group_concat(amount, ' ') AS billed FROM line WHERE time_entry_id IN (SELECT time_entry_id FROM line WHERE posted_at > 1794787200000000) GROUP BY invoice_id, time_entry_id),
ranked AS (SELECT p.*, row_number() OVER byPosting AS n, first_value(invoice_id) OVER byPosting AS first_invoice_id,
  nth_value(posted_at, 2) OVER byPosting AS doubled_at FROM pair p WINDOW byPosting AS (PARTITION BY time_entry_id ORDER BY posted_at, invoice_id))
SELECT time_entry_id, contract_id, first_invoice_id, invoice_id, posted_at, currency, doubled_at, billed FROM ranked WHERE n >= 2 AND doubled_at > 1794787200000000;
-- Unbilled milestones: latest acceptances (schema 8's index) that no posting by T names.
WITH accepted AS (SELECT entity_key AS milestone_id, occurred_at, payload, row_number() OVER (PARTITION BY entity_key ORDER BY occurred_at DESC, seq DESC) AS n
  FROM events WHERE type = 'milestone.accepted' AND occurred_at <= 1795392000000000),
billed AS (SELECT l.value ->> '$.milestone_id' AS milestone_id FROM invoices i, events e, json_each(e.payload, '$.data.lines') l
  WHERE i.posted_at <= 1795392000000000 AND e.entity_key = i.invoice_id AND e.type = 'invoice.posted' AND e.type <> 'time.approved' AND e.occurred_at <= 1795392000000000 AND l.value ->> '$.milestone_id' IS NOT NULL)
SELECT milestone_id, payload ->> '$.data.contract_id', payload ->> '$.data.currency', payload -> '$.data.amount', occurred_at
FROM accepted WHERE n = 1 AND milestone_id NOT IN (SELECT milestone_id FROM billed);
-- Over contract value: invoices by T per contract and currency, against the value in effect on T's date.
WITH invoice AS (SELECT (SELECT payload FROM events WHERE entity_key = i.invoice_id AND type = 'invoice.posted' AND type <> 'time.approved' AND occurred_at <= 1795392000000000 ORDER BY occurred_at DESC, seq DESC LIMIT 1) AS payload FROM invoices i WHERE i.posted_at <= 1795392000000000),
billed AS (SELECT payload ->> '$.data.contract_id' AS contract_id, payload ->> '$.data.currency' AS currency,
  group_concat(payload -> '$.data.total', ' ') AS totals, count(*) AS invoices FROM invoice GROUP BY 1, 2),
contract AS (SELECT b.*, (SELECT payload FROM events WHERE entity_key = b.contract_id AND type = 'contract.approved' AND type <> 'time.approved' AND occurred_at <= 1795392000000000 ORDER BY occurred_at DESC, seq DESC LIMIT 1) AS approval FROM billed b
  WHERE b.contract_id IN (SELECT contract_id FROM contracts WHERE approved_at <= 1795392000000000)),
amendment AS (SELECT contract_id, payload FROM (SELECT entity_key AS contract_id, payload, row_number() OVER (PARTITION BY entity_key, payload ->> '$.data.version' ORDER BY occurred_at DESC, seq DESC) AS n FROM events WHERE entity_key IN (SELECT contract_id FROM contract) AND type = 'contract.amended' AND type <> 'time.approved' AND occurred_at <= 1795392000000000) WHERE n = 1),
amended AS (SELECT contract_id, max(payload ->> '$.data.version'), payload -> '$.data.changes.total_value' AS value FROM amendment
  WHERE payload ->> '$.data.effective_date' <= '2026-11-23' AND payload -> '$.data.changes.total_value' IS NOT NULL GROUP BY contract_id)
SELECT c.contract_id, c.currency, coalesce(a.value, c.approval -> '$.data.total_value'), c.totals, c.invoices
FROM contract c LEFT JOIN amended a ON a.contract_id = c.contract_id WHERE c.currency = c.approval ->> '$.data.currency';
