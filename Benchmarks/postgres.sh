#!/usr/bin/env bash
# PostgreSQL beside SQLite on the same file: starts a throwaway local PostgreSQL cluster (initdb in a temporary
# directory, a free port on 127.0.0.1, default settings), ingests the file into it with one `signalbox ingest`
# process (events/s and peak RSS), then times `signals --json` as a whole process against it and against the
# SQLite store given (median of 5 each) and checks that both print the same JSON. Where pg_stat_statements is
# installed, it also prints the statements that took the server's time in each (total ms, calls, rows).
#
#   Benchmarks/postgres.sh BINARY EVENTS_FILE SQLITE_STORE [AS_OF]
#
# The SQLite store must hold the same file (run.sh ingests it). Run as root, the cluster runs as `postgres`.
# SIGNALBOX_PG_OPTIONS adds server settings (`-c shared_buffers=1GB …`) to compare with the defaults;
# SIGNALBOX_PG_KEEP=DIR stops after the ingest and leaves the cluster running in DIR for experiments (stop it
# with `pg_ctl -D DIR/data stop`).
set -euo pipefail
shopt -s inherit_errexit
bin="$1"
events="$2"
sqlite_store="$3"
as_of="${4:-2026-11-23T00:00:00Z}"
source "$(dirname "$0")/pg-cluster.sh"

keep="${SIGNALBOX_PG_KEEP:-}"
cluster="${keep:-$(mktemp -d /tmp/signalbox-bench-pg.XXXXXX)}"
mkdir -p "$cluster"
stop() {
    [[ -n "$keep" ]] && return 0
    pg_cluster_stop "$cluster"
    rm -rf "$cluster"
}
trap stop EXIT
# shellcheck disable=SC2086
pg_cluster_start "$cluster" ${SIGNALBOX_PG_OPTIONS:-}
# The statements that took the server's time since the last call, then forgets them.
top_statements() {
    [[ -n "$statements" ]] || return 0
    psql -qc "SELECT round(total_exec_time) AS ms, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS statement
              FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 10" \
        -c 'SELECT pg_stat_statements_reset()' | grep -v pg_stat_statements_reset | sed '/^ *$/d; /^-*$/d; /^(1 row)$/d'
}
"$bin" migrate --store "$url" > /dev/null
top_statements > /dev/null

lines=$(wc -l < "$events")
start=$(date +%s%N)
status=0
/usr/bin/time -o "$cluster/ingest.time" -f "%M %U %S" "$bin" ingest --store "$url" "$events" > "$cluster/ingest.out" || status=$?
end=$(date +%s%N)
[[ $status == 0 || $status == 65 ]] || { echo "ingest failed ($status)"; cat "$cluster/ingest.out"; exit 1; }
elapsed_ms=$(( (end - start) / 1000000 ))
read -r rss user sys < <(tail -n 1 "$cluster/ingest.time")
stored=$(psql -Atc 'SELECT count(*) FROM events')
echo "postgres ingest: $lines lines ($(cat "$cluster/ingest.out")) in ${elapsed_ms} ms = $(( lines * 1000 / elapsed_ms )) lines/s, $(( stored * 1000 / elapsed_ms )) events stored/s; client CPU ${user} s user + ${sys} s sys, peak $(( rss / 1024 )) MB"

top_statements
if [[ -n "$keep" ]]; then echo "cluster left running in $keep: $url"; exit 0; fi
psql -qc 'VACUUM ANALYZE'
top_statements > /dev/null

# signals --json, whole process, median of 5 each; the JSON must be identical.
median_signals() {
    local store="$1" times=()
    for _ in 1 2 3 4 5; do
        start=$(date +%s%N)
        "$bin" signals --store "$store" --as-of "$as_of" --json > "$cluster/signals.json"
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
pg_ms=$(median_signals "$url")
cp "$cluster/signals.json" "$cluster/signals-postgres.json"
sqlite_ms=$(median_signals "$sqlite_store")
if cmp -s "$cluster/signals.json" "$cluster/signals-postgres.json"; then
    same="identical JSON"
else
    same="JSON DIFFERS in: $(python3 -c '
import json, sys
a, b = (json.load(open(path)) for path in sys.argv[1:])
print(", ".join(key for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)))
' "$cluster/signals.json" "$cluster/signals-postgres.json")"
fi
echo "signals --json (whole process, median of 5): postgres ${pg_ms} ms, sqlite ${sqlite_ms} ms = $(python3 -c "print(f'{$pg_ms / $sqlite_ms:.2f}')")x; $same"
top_statements
