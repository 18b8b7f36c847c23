#!/usr/bin/env bash
# Signalbox benchmarks: builds a release binary, generates ~1,000,000 events, and prints
#   - ingest rate (events/s) of `signalbox ingest` on that file into a new SQLite store, and the floor: the
#     sqlite3 CLI doing the same event-log and time-entry writes set-wise (Benchmarks/ingest-floor.sh),
#   - `signals` latency in process (ordo-one/benchmark, median of many runs),
#   - the floor: the sqlite3 CLI running the same projection reads (Benchmarks/signals-floor.sql for sections 1–9,
#     signals-floor-reconciliation.sql for §10),
#   - `signals --json --only` the nine v1 + v2 keys beside the floor of those reads (Benchmarks/signals-only.sh),
#   - PostgreSQL: ingest of the same file into a throwaway local cluster, and `signals --json` there beside
#     SQLite's (Benchmarks/postgres.sh; skipped when PostgreSQL's binaries are not installed),
#   - PostgreSQL: the server's CPU with 1 and with 20 read-only consoles under a 1,000 lines/s writer
#     (Benchmarks/viewers.sh, about 10 minutes; skipped with PostgreSQL's, or when SIGNALBOX_SKIP_VIEWERS=1).
# Inputs are cached in $SIGNALBOX_BENCH_DIR (default /tmp/signalbox-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
dir="${SIGNALBOX_BENCH_DIR:-/tmp/signalbox-bench}"
mkdir -p "$dir"

swift build -c release --product signalbox
bin=.build/release/signalbox

events="$dir/events-1m.jsonl"
if [[ ! -s "$events" ]]; then
    "$bin" generate --seed 1 --contracts 42000 --from 2026-08-25 --to 2026-11-22 --output "$events"
fi
head -n 100000 "$events" > "$dir/events-100k.jsonl"
lines=$(wc -l < "$events")

# Three ingests into a new store (the machine's noise is large), each timed as a whole process.
runs=()
for run in 1 2 3; do
    rm -f "$dir"/1m.sqlite*
    start=$(date +%s%N)
    /usr/bin/time -o "$dir/ingest.rss" -f "%M" "$bin" ingest --store "$dir/1m.sqlite" "$events"
    end=$(date +%s%N)
    elapsed_ms=$(( (end - start) / 1000000 ))
    runs+=("$elapsed_ms")
    echo "ingest run $run: $lines lines in ${elapsed_ms} ms = $(( lines * 1000 / elapsed_ms )) events/s, peak $(( $(cat "$dir/ingest.rss") / 1024 )) MB"
done
median=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)
echo "ingest: median ${median} ms = $(( lines * 1000 / median )) events/s"
Benchmarks/ingest-floor.sh "$events" "$dir"
sqlite3 "$dir/1m.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
echo "store: $(du -h "$dir/1m.sqlite" | cut -f1) + time entries $(du -h "$dir/1m.sqlite-time" | cut -f1), $(sqlite3 "$dir/1m.sqlite" 'SELECT count(*) FROM events') events"

# The floor: the sqlite3 CLI, 21 runs, median wall time (includes its process start, ~1-2 ms).
times=()
for _ in $(seq 21); do
    start=$(date +%s%N)
    { echo "ATTACH '$dir/1m.sqlite-time' AS timeentries;"; cat Benchmarks/signals-floor.sql Benchmarks/signals-floor-reconciliation.sql; } \
        | sqlite3 "$dir/1m.sqlite" > /dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 11p)
echo "floor: sqlite3 CLI running signals-floor.sql + signals-floor-reconciliation.sql: median ${median} µs over 21 runs"

# signals through the CLI (process start, open, query, print), for reference.
times=()
for _ in $(seq 21); do
    start=$(date +%s%N)
    "$bin" signals --store "$dir/1m.sqlite" --as-of 2026-11-23T00:00:00Z --json > /dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 11p)
echo "signalbox signals --json (whole process): median ${median} µs over 21 runs"

# Issue 16's figure: the v1 + v2 sections only, beside their floor.
Benchmarks/signals-only.sh "$bin" "$dir/1m.sqlite"

if [[ -x "${SIGNALBOX_PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ]]; then
    Benchmarks/postgres.sh "$bin" "$events" "$dir/1m.sqlite"
    if [[ "${SIGNALBOX_SKIP_VIEWERS:-}" != 1 ]]; then
        SIGNALBOX_BIN="$bin" SIGNALBOX_BENCH_DIR="$dir" Benchmarks/viewers.sh
    fi
else
    echo "postgres: skipped (no initdb in ${SIGNALBOX_PG_BIN:-/usr/lib/postgresql/15/bin})"
fi

cd Benchmarks
SIGNALBOX_BENCH_DIR="$dir" swift package --disable-sandbox benchmark
