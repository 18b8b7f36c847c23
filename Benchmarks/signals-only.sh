#!/usr/bin/env bash
# Issue 16's benchmark: `signalbox signals --json --only` the nine v1 + v2 keys as a whole process on a store,
# beside the sqlite3 CLI floor for the same reads (signals-floor.sql alone), median wall time of 21 runs each, and
# their ratio.
#
#   Benchmarks/signals-only.sh BINARY STORE      (STORE-time, the time-entry companion, beside it)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1 store=$2
keys=activation_latency,provisioning,amendment_accuracy,unbilled_time,exceptions,time_to_invoice,resolution_time,invoice_to_cash,throughput

# The median of 21 runs of a command, in µs of wall time.
median_us() {
    local times=() start end
    for _ in $(seq 21); do
        start=$(date +%s%N)
        "$@" > /dev/null || { echo "failed: $*" >&2; exit 1; }
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 11p
}

floor_v1v2() { { echo "ATTACH '$store-time' AS timeentries;"; cat Benchmarks/signals-floor.sql; } | sqlite3 -bail "$store"; }
only_v1v2() { "$bin" signals --store "$store" --as-of 2026-11-23T00:00:00Z --json --only "$keys"; }

floor=$(median_us floor_v1v2)
only=$(median_us only_v1v2)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "floor v1 + v2: sqlite3 CLI running signals-floor.sql: median ${floor} µs over 21 runs"
echo "signalbox signals --json --only <the nine v1 + v2 keys> (whole process): median ${only} µs over 21 runs"
echo "ratio: $(awk -v a="$only" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')× the floor"
