-- The floor for `signals` sections 1–9 (v1 + v2; section 10 is in signals-floor-reconciliation.sql): the same reads
-- as SQLiteSignalQueries, run by the sqlite3 CLI
-- (as of 2026-11-23T00:00:00Z = 1795392000000000 µs, window 7 days; hour 498720; bucket edges T − 8, 31, 61 days
-- fall in hours 498528, 497976, 497256).
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
-- Amendments: from the projection (schema 10), each amendment in the window (its latest statement) against the
-- latest terms each target reported by T, key by key, from the indexes alone.
SELECT a.contract_id, a.version, a.occurred_at, p.target,
       a.rate_card IS NOT NULL AND a.rate_card IS NOT p.rate_card,
       a.end_date IS NOT NULL AND a.end_date IS NOT p.end_date,
       a.total_value_units IS NOT NULL AND a.total_value_units IS NOT p.total_value_units
FROM amendment_terms a INDEXED BY amendments_by_time
LEFT JOIN amendment_terms p INDEXED BY amendment_terms_by_target
    ON p.contract_id = a.contract_id AND p.version = a.version AND p.target <> 'changes'
   AND p.occurred_at <= 1795392000000000 AND (p.superseded_at IS NULL OR p.superseded_at > 1795392000000000)
WHERE a.target = 'changes' AND a.occurred_at > 1794787200000000 AND a.occurred_at <= 1795392000000000
  AND (a.superseded_at IS NULL OR a.superseded_at > 1795392000000000);
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
-- Invoice to cash: paid in the window, owed per currency (schema 15's index of the unpaid invoices), and the
-- invoices to fold as of T from the log.
SELECT max(paid_at - posted_at, 0) FROM invoices
 WHERE paid_at > 1794787200000000 AND paid_at <= 1795392000000000 AND posted_at <= 1795392000000000
   AND latest_posting_at <= 1795392000000000;
SELECT currency, count(*), sum(total_units - paid_units) FROM invoices INDEXED BY invoices_unpaid
 WHERE paid_at IS NULL AND posted_at <= 1795392000000000 AND latest_posting_at <= 1795392000000000
   AND (last_payment_at IS NULL OR last_payment_at <= 1795392000000000) GROUP BY currency;
SELECT invoice_id FROM invoices WHERE latest_posting_at > 1795392000000000 AND +posted_at <= 1795392000000000
UNION
SELECT invoice_id FROM invoices WHERE last_payment_at > 1795392000000000 AND +posted_at <= 1795392000000000
   AND +latest_posting_at <= 1795392000000000 AND (paid_at IS NULL OR paid_at > 1795392000000000);
-- Throughput: whole hours, the whole seconds of the two hours the window's edges cut (second 1794787200 is in
-- hour 498552, 1795392000 starts hour 498720), then the two cut seconds (their times are counted by the store).
SELECT source, sum(events) FROM event_hours WHERE hour >= 498553 AND hour < 498720 GROUP BY source;
SELECT source, sum(events) FROM event_seconds WHERE second >= 1794787201 AND second < 1794790800 GROUP BY source;
SELECT source, sum(events) FROM event_seconds WHERE second >= 1795392000 AND second < 1795392000 GROUP BY source;
SELECT source, times FROM event_seconds WHERE second IN (1794787200, 1795392000);
