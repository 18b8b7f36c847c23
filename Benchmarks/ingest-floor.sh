#!/usr/bin/env bash
# The ingest floor: the sqlite3 CLI doing the writes `signalbox ingest` does for the event log and the time-entry
# projection (the bulk of them), set-wise from a staging table, in transactions of the same size, into a
# new store with schema 6's indexes and the page size new stores get (16 KiB). No JSON validation, no per-row
# statements, no contract or exception projections: a lower bound for the same SQLite work on this machine.
# Prints its rate, its CPU per event (user + system, the one-file writer), and the rate of the same writes split
# between two files.
# Usage: ingest-floor.sh EVENTS.jsonl WORKDIR [LINES_PER_TRANSACTION]
set -euo pipefail
events="$1"; dir="$2"; batch="${3:-200000}"
stage="$dir/floor-stage.sqlite"; store="$dir/floor.sqlite"

if [[ ! -s "$stage" || "$stage" -ot "$events" ]]; then
    rm -f "$stage"
    sqlite3 "$stage" <<SQL
CREATE TABLE raw(line TEXT);
.mode line
.import '$events' raw
CREATE TABLE stage AS SELECT rowid AS n, line ->> '\$.event_id' AS event_id, line ->> '\$.type' AS type,
    line ->> '\$.source' AS source, line ->> '\$.correlation_id' AS correlation_id,
    coalesce(line ->> '\$.data.time_entry_id', line ->> '\$.data.exception_id', line ->> '\$.data.contract_id',
             line ->> '\$.data.invoice_id', '') AS entity_key,
    line ->> '\$.data.contract_id' AS contract_id, CAST((line ->> '\$.data.hours') * 10000 AS INTEGER) AS hours,
    CAST((line ->> '\$.data.amount') * 10000 AS INTEGER) AS amount, line ->> '\$.data.currency' AS currency,
    line AS payload
FROM raw;
CREATE TABLE bills AS SELECT s.n, j.value ->> '\$.time_entry_id' AS time_entry_id
    FROM stage s, json_each(s.payload, '\$.data.lines') j
    WHERE s.type = 'invoice.posted' AND j.value ->> '\$.time_entry_id' IS NOT NULL;
CREATE INDEX bills_by_line ON bills(n);
DROP TABLE raw;
SQL
fi
lines=$(sqlite3 "$stage" "SELECT count(*) FROM stage")

script="$dir/floor.sql"
{
    echo "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072;"
    echo "ATTACH '$stage' AS s;"
    cat <<'SQL'
CREATE TABLE events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, occurred_at INTEGER NOT NULL,
    source TEXT NOT NULL, correlation_id TEXT NOT NULL, entity_key TEXT NOT NULL, payload TEXT NOT NULL, ingested_at INTEGER NOT NULL);
CREATE INDEX provisioned_by_time ON events(type, occurred_at) WHERE type = 'project.provisioned';
CREATE INDEX provisioning_failed_by_time ON events(type, occurred_at) WHERE type = 'project.provisioning_failed';
CREATE INDEX amended_by_time ON events(type, occurred_at) WHERE type = 'contract.amended';
CREATE TABLE event_correlations (correlation_id TEXT NOT NULL, first_seq INTEGER NOT NULL, seqs TEXT NOT NULL, PRIMARY KEY (correlation_id, first_seq)) WITHOUT ROWID;
CREATE TEMP TABLE mark (seq INTEGER);
CREATE INDEX events_by_entity ON events(entity_key) WHERE type <> 'time.approved';
CREATE INDEX console_events ON events(seq) WHERE source = 'CONSOLE';
CREATE TABLE time_entries (time_entry_id TEXT PRIMARY KEY, contract_id TEXT, resource TEXT, approved_at INTEGER,
    hours_units INTEGER, amount_units INTEGER, currency TEXT, billed_at INTEGER, approval_seqs TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE INDEX time_entries_unbilled ON time_entries(billed_at, approved_at, currency, hours_units, amount_units);
SQL
    for ((first = 1; first <= lines; first += batch)); do
        last=$((first + batch - 1))
        cat <<SQL
BEGIN;
DELETE FROM mark; INSERT INTO mark SELECT coalesce(max(seq), 0) FROM events;
INSERT OR IGNORE INTO events (event_id, type, occurred_at, source, correlation_id, entity_key, payload, ingested_at)
    SELECT event_id, type, n, source, correlation_id, entity_key, payload, 0 FROM s.stage WHERE n BETWEEN $first AND $last;
INSERT INTO event_correlations SELECT correlation_id, min(seq), group_concat(seq, ',') FROM events WHERE seq > (SELECT seq FROM mark) GROUP BY correlation_id;
INSERT INTO time_entries (time_entry_id, contract_id, resource, approved_at, hours_units, amount_units, currency, approval_seqs)
    SELECT entity_key, contract_id, 'r', n, hours, amount, currency, n FROM s.stage
    WHERE type = 'time.approved' AND n BETWEEN $first AND $last ORDER BY n
    ON CONFLICT DO UPDATE SET approved_at = excluded.approved_at, hours_units = excluded.hours_units,
        amount_units = excluded.amount_units, approval_seqs = approval_seqs || ',' || excluded.approval_seqs
    WHERE excluded.approved_at >= approved_at;
UPDATE time_entries SET billed_at = b.n
    FROM (SELECT time_entry_id, min(n) AS n FROM s.bills WHERE n BETWEEN $first AND $last GROUP BY time_entry_id) b
    WHERE time_entries.time_entry_id = b.time_entry_id AND billed_at IS NULL;
COMMIT;
SQL
    done
} > "$script"

rm -f "$store" "$store-wal" "$store-shm"
start=$(date +%s%N)
/usr/bin/time -o "$dir/floor.time" -f "%U %S" sqlite3 "$store" < "$script" > /dev/null
end=$(date +%s%N)
elapsed_ms=$(( (end - start) / 1000000 ))
echo "floor: sqlite3 CLI doing the same event-log and time-entry writes set-wise ($batch-line transactions): $lines lines in ${elapsed_ms} ms = $(( lines * 1000 / elapsed_ms )) events/s"
read -r user sys < "$dir/floor.time"
awk -v u="$user" -v s="$sys" -v n="$lines" \
    'BEGIN { printf "floor CPU: %.1f µs per event (%.2f s user + %.2f s sys, one process)\n", (u + s) * 1e6 / n, u, s }'

# The same writes split between two files, each with its own writer process, run at once: what a design with the
# time-entry projection kept by a second writer could reach.
header='PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072;'
{ echo "$header"; echo "ATTACH '$stage' AS s;"; grep -v '^CREATE TABLE time_entries\|^    hours_units\|^CREATE INDEX time_entries_unbilled\|^INSERT INTO time_entries\|^    SELECT entity_key, contract_id\|^    WHERE type = .time.approved\|^    ON CONFLICT\|^        amount_units\|^    WHERE excluded\|^UPDATE time_entries\|^    FROM (SELECT time_entry_id\|^    WHERE time_entries' "$script" | grep -v '^PRAGMA\|^ATTACH'; } > "$script.log"
{ echo "$header"; echo "ATTACH '$stage' AS s;"; grep -v '^CREATE TABLE events\|^    source TEXT\|^CREATE INDEX \(provisioned\|provisioning_failed\|amended\|events_by\|console\)\|^INSERT OR IGNORE INTO events\|^    SELECT event_id\|event_correlations\|mark' "$script" | grep -v '^PRAGMA\|^ATTACH'; } > "$script.time"
rm -f "$store"*
start=$(date +%s%N)
sqlite3 "$store.log" < "$script.log" > /dev/null &
sqlite3 "$store.time" < "$script.time" > /dev/null &
wait
end=$(date +%s%N)
elapsed_ms=$(( (end - start) / 1000000 ))
echo "floor, split: the event log and the time entries in two files, two writers at once: $lines lines in ${elapsed_ms} ms = $(( lines * 1000 / elapsed_ms )) events/s"
rm -f "$store"* "$script" "$script.log" "$script.time" "$dir/floor.time"
