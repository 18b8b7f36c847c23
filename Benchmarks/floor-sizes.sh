#!/usr/bin/env bash
# The ingest floor (ingest-floor.sh) at each size sizes.sh ingests: about 100k, 1M, 3M and 10M events
# (--skip-largest leaves out 10M). The anchor of "ingest CPU per event, flat": how much of the growth with the
# store's size SQLite's own writes show, with no JSON, no per-row statements and no projections but the time entries.
# Each size stages its file once, in its own directory under $SIGNALBOX_BENCH_DIR (default /tmp/signalbox-bench).
#   Benchmarks/floor-sizes.sh [--skip-largest]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${SIGNALBOX_BENCH_DIR:-/tmp/signalbox-bench}"
labels=(32d 90d 160d 288d)
[[ "${1:-}" == "--skip-largest" ]] && labels=(32d 90d 160d)
rows=()
for label in "${labels[@]}"; do
    events="$dir/sizes-$label.jsonl"
    [[ -s "$events" ]] || { echo "no $events: run sizes.sh first" >&2; exit 1; }
    echo "== $label"
    mkdir -p "$dir/floor-$label"
    output=$(Benchmarks/ingest-floor.sh "$events" "$dir/floor-$label")
    echo "$output"
    lines=$(sed -n 's/.*set-wise.*: \([0-9]*\) lines in.*/\1/p' <<< "$output")
    rate=$(sed -n 's/.*set-wise.*= \([0-9]*\) events\/s$/\1/p' <<< "$output")
    cpu=$(sed -n 's/^floor CPU: \([0-9.]*\) µs per event.*/\1/p' <<< "$output")
    rows+=("| $label | $lines | $rate | $cpu |")
done
echo
echo "| days | lines | floor, events/s | floor CPU per event (µs) |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
