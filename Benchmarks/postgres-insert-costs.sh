#!/usr/bin/env bash
# What one batch's INSERT INTO events costs on the server, and how much of it each index, the triggers and
# ON CONFLICT take: on a throwaway cluster left running by `SIGNALBOX_PG_KEEP=DIR Benchmarks/postgres.sh …`, the
# newest ROWS events are moved out of the log into a table `held` (this changes the store: never point it at a
# store you keep), then inserted back the way ingest does, REPEAT times per variant, each in a transaction that is
# rolled back; prints the minimum and median execution time and the WAL records of each variant.
#
#   Benchmarks/postgres-insert-costs.sh CLUSTER_DIR [ROWS] [REPEAT]
set -euo pipefail
shopt -s inherit_errexit
dir="$1"
rows="${2:-8192}"
repeat="${3:-7}"
pg_bin="${SIGNALBOX_PG_BIN:-/usr/lib/postgresql/15/bin}"
port=$(sed -n 4p "$dir/data/postmaster.pid")
as_server() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql() { as_server "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U signalbox -X -q -v ON_ERROR_STOP=1 "$@" signalbox; }

psql -c "CREATE TABLE IF NOT EXISTS held AS SELECT * FROM events ORDER BY seq DESC LIMIT $rows" \
     -c 'ALTER TABLE events DISABLE TRIGGER events_append_only' \
     -c 'DELETE FROM events WHERE seq IN (SELECT seq FROM held)' \
     -c 'ALTER TABLE events ENABLE TRIGGER events_append_only' \
     -c 'VACUUM ANALYZE events' -c 'CHECKPOINT'

# variant LABEL SQL_BEFORE CONFLICT_CLAUSE
variant() {
    local label="$1" before="$2" conflict="$3" times=() records=""
    for _ in $(seq "$repeat"); do
        local out
        out=$(psql -c "BEGIN; $before
            EXPLAIN (ANALYZE, WAL, TIMING OFF) INSERT INTO events (event_id, type, occurred_at, source, correlation_id,
                entity_key, payload, ingested_at)
            SELECT event_id, type, occurred_at, source, correlation_id, entity_key, payload, ingested_at FROM held
            ORDER BY seq $conflict;
            ROLLBACK;")
        times+=("$(sed -n 's/.*Execution Time: \([0-9.]*\) ms.*/\1/p' <<< "$out")")
        records=$(grep -m1 -o 'records=[0-9]*' <<< "$out")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v records="$records" \
        '{ t[NR] = $1 } END { printf "%-34s min %7.0f ms  median %7.0f ms  WAL %s\n", label, t[1], t[int((NR + 1) / 2)], records }'
}
on_conflict="ON CONFLICT (event_id) DO NOTHING"
secondary="DROP INDEX events_by_type_time; DROP INDEX events_by_type_entity; DROP INDEX events_by_correlation;"
echo "inserting $rows held events back, $repeat times each:"
variant "as ingest (ON CONFLICT, triggers)" "" "$on_conflict"
variant "without ON CONFLICT" "" ""
variant "triggers disabled" "ALTER TABLE events DISABLE TRIGGER USER;" "$on_conflict"
for index in events_by_type_time events_by_type_entity events_by_correlation events_by_source events_by_time; do
    variant "without $index" "DROP INDEX $index;" "$on_conflict"
done
variant "without the three secondary" "$secondary" "$on_conflict"
variant "heap, seq and event_id only" \
    "ALTER TABLE events DISABLE TRIGGER USER; $secondary DROP INDEX events_by_source; DROP INDEX events_by_time;" ""
