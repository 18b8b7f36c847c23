-- The floor for `signals`' section 10 (run after signals-floor.sql, which holds sections 1–9: run.sh runs both for
-- the whole document, and signals-floor.sql alone for `--only` the nine v1 + v2 keys).
-- v3 (golden-signals.md §10, billing reconciliation) over schema 9's projection (and schema 14's bounds for §10.5) (SQLiteReconciliationProjection): the
-- store's five statements (SQLiteReconciliationQueries), as of T over the same window, T's UTC date '2026-11-23'. Money
-- in units of 10^-4, compared in SQL; a statement is "current" at T when occurred_at <= T and superseded_at is NULL or
-- after T. No payload is read.
-- Rate leakage: the current approvals in the window, the card rate in effect for their role on their work date.
WITH priced AS MATERIALIZED (SELECT a.seq, a.contract_id, a.role, a.work_date, a.rate_units FROM time_approvals a WHERE a.occurred_at > 1794787200000000 AND a.occurred_at <= 1795392000000000 AND (a.superseded_at IS NULL OR a.superseded_at > 1795392000000000)),
card AS MATERIALIZED (SELECT t.contract_id, t.version, t.effective_date, r.position, r.role, r.rate_units
  FROM contract_terms t JOIN contract_rates r ON r.seq = t.seq
  WHERE t.occurred_at <= 1795392000000000 AND (t.superseded_at IS NULL OR t.superseded_at > 1795392000000000) AND t.contract_id IN (SELECT contract_id FROM priced)
    AND EXISTS (SELECT 1 FROM contract_terms v WHERE v.contract_id = t.contract_id AND v.amendment = 0 AND v.occurred_at <= 1795392000000000)),
expected AS (SELECT p.seq, p.rate_units, max(c.version * 4294967296 + c.position), c.rate_units AS expected_units, c.version AS expected_version, c.effective_date AS expected_effective_date
  FROM priced p LEFT JOIN card c ON c.contract_id = p.contract_id AND c.role = p.role AND (c.version = 1 OR c.effective_date <= p.work_date) GROUP BY p.seq)
SELECT a.time_entry_id, a.contract_id, a.role, a.work_date, a.hours_units, a.rate_units, a.currency, a.occurred_at, e.expected_units, e.expected_version, e.expected_effective_date
FROM expected e CROSS JOIN time_approvals a ON a.seq = e.seq WHERE e.expected_units IS NULL OR e.expected_units <> e.rate_units;
-- Billing mismatch: (invoice, entry) pairs of the current postings of the invoices posted in the window, against the current approval.
WITH posting AS (SELECT p.*, i.posted_at FROM invoices i CROSS JOIN invoice_postings p ON p.invoice_id = i.invoice_id
  WHERE i.posted_at > 1794787200000000 AND i.posted_at <= 1795392000000000 AND p.occurred_at <= 1795392000000000 AND (p.superseded_at IS NULL OR p.superseded_at > 1795392000000000)),
pair AS (SELECT p.invoice_id, p.posted_at, p.contract_id, p.currency, l.time_entry_id, sum(l.amount_units) AS billed
  FROM posting p CROSS JOIN invoice_lines l ON l.seq = p.seq WHERE l.time_entry_id IS NOT NULL GROUP BY p.invoice_id, l.time_entry_id)
SELECT b.invoice_id, b.time_entry_id, b.contract_id, b.posted_at, b.currency, b.billed, a.amount_units, a.currency
FROM pair b LEFT JOIN time_approvals a ON a.time_entry_id = b.time_entry_id AND a.occurred_at <= 1795392000000000 AND (a.superseded_at IS NULL OR a.superseded_at > 1795392000000000)
WHERE a.seq IS NULL OR a.currency <> b.currency OR a.amount_units <> b.billed;
-- Double billing: the entries the window's invoices name that another posting names too, then every current posting naming them.
WITH posting AS (SELECT p.*, i.posted_at FROM invoices i CROSS JOIN invoice_postings p ON p.invoice_id = i.invoice_id
  WHERE i.posted_at > 1794787200000000 AND i.posted_at <= 1795392000000000 AND p.occurred_at <= 1795392000000000 AND (p.superseded_at IS NULL OR p.superseded_at > 1795392000000000)),
entry AS MATERIALIZED (SELECT DISTINCT l.time_entry_id FROM posting p CROSS JOIN invoice_lines l ON l.seq = p.seq WHERE l.time_entry_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM invoice_lines other WHERE other.time_entry_id = l.time_entry_id AND other.seq <> l.seq)),
pair AS (SELECT p.invoice_id, i.posted_at, p.contract_id, p.currency, l.time_entry_id, sum(l.amount_units) AS billed
  FROM entry x CROSS JOIN invoice_lines l CROSS JOIN invoice_postings p CROSS JOIN invoices i
  WHERE l.time_entry_id = x.time_entry_id AND p.seq = l.seq AND p.occurred_at <= 1795392000000000 AND (p.superseded_at IS NULL OR p.superseded_at > 1795392000000000) AND i.invoice_id = p.invoice_id
  GROUP BY p.invoice_id, l.time_entry_id),
ranked AS (SELECT p.*, row_number() OVER byPosting AS n, first_value(invoice_id) OVER byPosting AS first_invoice_id,
  nth_value(posted_at, 2) OVER byPosting AS doubled_at FROM pair p WINDOW byPosting AS (PARTITION BY time_entry_id ORDER BY posted_at, invoice_id))
SELECT time_entry_id, contract_id, first_invoice_id, invoice_id, posted_at, currency, doubled_at, billed FROM ranked WHERE n >= 2 AND doubled_at > 1794787200000000;
-- Unbilled milestones: current acceptances that no posting by T names (lines by milestone).
SELECT m.milestone_id, m.contract_id, m.currency, m.amount_units, m.occurred_at FROM milestone_acceptances m
WHERE m.occurred_at <= 1795392000000000 AND (m.superseded_at IS NULL OR m.superseded_at > 1795392000000000) AND NOT EXISTS (
  SELECT 1 FROM invoice_lines l JOIN invoice_postings p ON p.seq = l.seq WHERE l.milestone_id = m.milestone_id AND p.occurred_at <= 1795392000000000);
-- Over contract value: current postings per contract and currency, against the value in effect on T's date, for the
-- contracts whose postings can exceed a value they stated (schema 14's contract_value_bounds).
WITH billed AS (SELECT p.contract_id, p.currency, sum(p.total_units) AS invoiced, count(*) AS invoices
  FROM invoice_postings p WHERE p.contract_id IN (SELECT contract_id FROM contract_value_bounds WHERE posted_total_units > least_value_units)
    AND p.occurred_at <= 1795392000000000 AND (p.superseded_at IS NULL OR p.superseded_at > 1795392000000000) GROUP BY 1, 2),
terms AS MATERIALIZED (SELECT * FROM contract_terms t WHERE t.occurred_at <= 1795392000000000 AND (t.superseded_at IS NULL OR t.superseded_at > 1795392000000000) AND t.contract_id IN (SELECT contract_id FROM billed)),
amended AS (SELECT contract_id, max(version), total_value_units FROM terms WHERE amendment = 1 AND effective_date <= '2026-11-23' AND total_value_units IS NOT NULL GROUP BY contract_id),
valued AS (SELECT b.*, coalesce(v.total_value_units, a.total_value_units) AS value
  FROM billed b JOIN terms a ON a.contract_id = b.contract_id AND a.amendment = 0 AND a.currency = b.currency LEFT JOIN amended v ON v.contract_id = b.contract_id)
SELECT contract_id, currency, value, invoiced, invoices FROM valued WHERE invoiced > value;
