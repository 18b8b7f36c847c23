#!/usr/bin/env bash
# Signals and ingest as history grows (issue 18). Stores whose contracts arrive at the same rate (42,000 per 90
# days, as run.sh's 1M store), all ending 2026-11-22, over 32, 90, 160 and 288 days. Long-running contracts keep
# billing time, so events grow faster than days: about 100k, 1M, 3M and 10M events (issue 18's sizes).
# For each store:
#   - ingest into a new SQLite store (one process, default transactions): wall, CPU, µs of CPU per event, peak RSS,
#   - `signals --json --only` the nine v1 + v2 keys, whole process, beside the sqlite3 floor of the same reads
#     (signals-floor.sql), median of 11 runs each, and `signals --json` (every section, §10 included), median of 3,
#   - the events in the 7-day window (§9), which is what a window's signals should cost,
#   - the console's figures on screen: from starting `signalbox console` at 80×24 (as of the same instant) to the
#     frame that draws them, median of 5 (Benchmarks/first-frame.py).
#   Benchmarks/sizes.sh BINARY [--skip-largest]
# Inputs and stores are kept in $SIGNALBOX_BENCH_DIR (default /tmp/signalbox-bench): about 18 GB with the largest.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
skip_largest=false
[[ "${2:-}" == "--skip-largest" ]] && skip_largest=true
dir="${SIGNALBOX_BENCH_DIR:-/tmp/signalbox-bench}"
mkdir -p "$dir"
keys=activation_latency,provisioning,amendment_accuracy,unbilled_time,exceptions,time_to_invoice,resolution_time,invoice_to_cash,throughput
as_of=2026-11-23T00:00:00Z

median_ms() {  # runs, command...: the median wall time in ms
    local runs=$1 times=() start end
    shift
    for _ in $(seq "$runs"); do
        start=$EPOCHREALTIME
        "$@" > /dev/null || { echo "failed: $*" >&2; exit 1; }
        end=$EPOCHREALTIME
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) * 1000 }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

rows=()
for size in "32d 14933 2026-10-22" "90d 42000 2026-08-25" "160d 74667 2026-06-16" "288d 134400 2026-02-07"; do
    read -r label contracts from <<< "$size"
    [[ "$label" == 288d ]] && $skip_largest && continue
    events="$dir/sizes-$label.jsonl"
    [[ -s "$events" ]] || "$bin" generate --seed 1 --contracts "$contracts" --from "$from" --to 2026-11-22 --output "$events"
    store="$dir/sizes-$label.sqlite"
    rm -f "$store" "$store"-*
    /usr/bin/time -o "$dir/sizes.time" -f "%e %U %S %M" "$bin" ingest --store "$store" "$events" > "$dir/sizes-ingest.out" 2>&1 \
        || [[ $? == 65 ]]   # 65: some lines rejected (the generator writes a few on purpose)
    read -r wall user sys peak < "$dir/sizes.time"
    stored=$(sqlite3 "$store" 'SELECT count(*) FROM events')
    floor() { { echo "ATTACH '$store-time' AS timeentries;"; cat Benchmarks/signals-floor.sql; } | sqlite3 -bail "$store"; }
    only() { "$bin" signals --store "$store" --as-of "$as_of" --json --only "$keys"; }
    full() { "$bin" signals --store "$store" --as-of "$as_of" --json; }
    floor_ms=$(median_ms 11 floor)
    only_ms=$(median_ms 11 only)
    full_ms=$(median_ms 3 full)
    drawn_ms=$(python3 Benchmarks/first-frame.py "$bin" "$store" --as-of "$as_of" --runs 5 | sed -n 's/.*signals drawn \([0-9.]*\) ms$/\1/p' | tail -1)
    window=$("$bin" signals --store "$store" --as-of "$as_of" --json --only throughput | python3 -c 'import json, sys; print(json.load(sys.stdin)["throughput"]["events"])')
    rows+=("$(awk -v l="$label" -v n="$stored" -v win="$window" -v w="$wall" -v u="$user" -v s="$sys" -v p="$peak" -v f="$floor_ms" -v o="$only_ms" -v a="$full_ms" -v d="$drawn_ms" 'BEGIN {
        printf "| %s | %d | %d | %.1f s = %d ev/s | %.1f s = %.1f µs/event | %d MiB | %.1f ms | %.1f ms (%.2f×) | %.0f ms | %.0f ms |",
               l, n, win, w, n / w, u + s, (u + s) * 1e6 / n, p / 1024, f, o, o / f, a, d }')")
    echo "${rows[-1]}"
done
echo
echo "Sizes: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), as of $as_of over 7 days"
echo
echo "| days | events stored | events in the window | ingest, wall | ingest, CPU | ingest peak RSS | floor v1 + v2 (sqlite3) | signals --only v1 + v2 | signals --json (all) | console: figures drawn |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
