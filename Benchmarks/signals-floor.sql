-- The floor for `signals`: the same projection reads as SQLiteSignalQueries, run by the sqlite3 CLI
-- (as of 2026-11-23T00:00:00Z = 1795392000000000 µs, window 7 days).
SELECT count(*), max(activated_at - approved_at) FROM contracts
 WHERE activated_at > 1795392000000000 - 604800000000 AND activated_at <= 1795392000000000 AND approved_at <= 1795392000000000;
SELECT count(*), min(approved_at) FROM contracts
 WHERE approved_at <= 1795392000000000 AND (activated_at IS NULL OR activated_at > 1795392000000000);
SELECT type, count(*) FROM events WHERE type IN ('project.provisioned', 'project.provisioning_failed')
 AND occurred_at > 1795392000000000 - 604800000000 AND occurred_at <= 1795392000000000 GROUP BY type;
SELECT count(*), sum(first_provisioning_ok) FROM contracts
 WHERE first_provisioning_at > 1795392000000000 - 604800000000 AND first_provisioning_at <= 1795392000000000;
SELECT count(*) FROM events WHERE type = 'contract.amended'
 AND occurred_at > 1795392000000000 - 604800000000 AND occurred_at <= 1795392000000000;
SELECT currency, (1795392000000000 - approved_at) / 86400000000 AS age, sum(hours_units), sum(amount_units), count(*)
 FROM time_entries WHERE (billed_at IS NULL OR billed_at > 1795392000000000) AND approved_at <= 1795392000000000
 GROUP BY currency, age;
SELECT kind, count(*), min(raised_at) FROM exceptions
 WHERE raised_at <= 1795392000000000 AND (closed_at IS NULL OR closed_at > 1795392000000000) AND kind_at <= 1795392000000000
 GROUP BY kind;
SELECT count(*) FROM exceptions WHERE raised_at > 1795392000000000 - 604800000000 AND raised_at <= 1795392000000000;
SELECT count(*) FROM exceptions WHERE closed_at > 1795392000000000 - 604800000000 AND closed_at <= 1795392000000000
 AND raised_at <= 1795392000000000;
