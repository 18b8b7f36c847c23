#!/usr/bin/env bash
# Actions during a bulk ingest (SQLite): while `signalbox ingest` loads ~1,000,000 events into a new store in its
# default 200,000-line transactions, `signalbox exceptions note` runs again and again, one after another (a person
# acting on the queue). Prints every action's wall time (a whole CLI process: start, open, wait, write) as max, p99
# and median, how many were refused, the same action's time on an idle store, and the ingest rate with and without
# the actions. Inputs are cached in $SIGNALBOX_BENCH_DIR (default /tmp/signalbox-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
dir="${SIGNALBOX_BENCH_DIR:-/tmp/signalbox-bench}"
mkdir -p "$dir"

# $SIGNALBOX_BENCH_BIN: a release binary built elsewhere (e.g. with --scratch-path), instead of building one here.
bin="${SIGNALBOX_BENCH_BIN:-}"
if [[ -z "$bin" ]]; then
    swift build -c release --product signalbox
    bin=.build/release/signalbox
fi
events="$dir/events-1m.jsonl"
if [[ ! -s "$events" ]]; then
    "$bin" generate --seed 1 --contracts 36500 --from 2026-08-25 --to 2026-11-22 --output "$events"
fi
lines=$(wc -l < "$events")
store="$dir/turns.sqlite"
raise="$dir/turns-raise.jsonl"
echo '{"event_id":"bench-raise","type":"exception.raised","occurred_at":"2026-11-01T09:00:00Z","source":"MIDDLEWARE","correlation_id":"BENCH","data":{"exception_id":"X-BENCH","kind":"posting_failed","severity":"high","summary":"benchmark"}}' > "$raise"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
act() { SIGNALBOX_USER=bench "$bin" exceptions note --store "$store" X-BENCH "$1" > /dev/null 2>> "$dir/turns-actions.err"; }

# The ingest alone.
rm -f "$store"* "$store"-waiting
"$bin" ingest --store "$store" "$raise" > /dev/null
start=$(now_ms)
/usr/bin/time -o "$dir/turns-ingest.cpu" -f "%U %S" "$bin" ingest --store "$store" "$events" > /dev/null
alone=$(( $(now_ms) - start ))
cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$dir/turns-ingest.cpu")

# The same action on the idle store.
idle=()
for run in $(seq 1 20); do s=$(now_ms); act "idle $run"; idle+=( $(( $(now_ms) - s )) ); done

# The ingest again into a new store, with actions running all along.
rm -f "$store"* "$dir/turns-actions.err"
"$bin" ingest --store "$store" "$raise" > /dev/null
start=$(now_ms)
"$bin" ingest --store "$store" "$events" > /dev/null &
ingest=$!
waits=()
refused=0
while kill -0 "$ingest" 2> /dev/null; do
    s=$(now_ms)
    if act "during ingest $s"; then waits+=( $(( $(now_ms) - s )) ); else refused=$(( refused + 1 )); fi
done
wait "$ingest"
together=$(( $(now_ms) - start ))

percentile() { printf '%s\n' "${@:2}" | sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int((NR * p + 99) / 100); if (i < 1) i = 1; print v[i] }'; }
echo "ingest alone: $lines lines in $alone ms = $(( lines * 1000 / alone )) events/s ($cpu s of CPU; load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "ingest with actions running: $together ms = $(( lines * 1000 / together )) events/s"
echo "actions during the ingest: ${#waits[@]} done, $refused refused; wall time max $(percentile 100 "${waits[@]}") ms, p99 $(percentile 99 "${waits[@]}") ms, median $(percentile 50 "${waits[@]}") ms"
echo "the same action on an idle store: max $(percentile 100 "${idle[@]}") ms, median $(percentile 50 "${idle[@]}") ms"
echo "notes stored: $(sqlite3 "$store" "SELECT count(*) FROM events WHERE type = 'exception.noted'")"
