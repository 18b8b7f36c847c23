#!/usr/bin/env bash
# Process start (issue 18): the wall time of `signalbox signals --help`, whole process, beside `sqlite3 --version`,
# each the median of 51 runs alternated on bash's clock. run.sh runs it first, on a quiet machine: a start measured
# while the machine writes back a writer's gigabytes measures the machine (the fifteenth to seventeenth sessions'
# tables took it right after console-load.sh's writer: 7.4 ms against 6.6 ms quiet).
#   Benchmarks/start.sh BINARY
set -euo pipefail
bin="${1:?usage: $0 BINARY}"

# Median of 51 runs of the command in milliseconds, each timed from fork to exit.
median_ms() {
    local times=() start end
    for _ in $(seq 51); do
        start=$EPOCHREALTIME; "$@" > /dev/null; end=$EPOCHREALTIME
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) * 1000 }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 26p
}

"$bin" signals --help > /dev/null   # its pages in the file cache, as for every later run
help_ms=$(median_ms "$bin" signals --help)
sqlite_ms=$(median_ms sqlite3 --version)

echo "| process start (median of 51), load $(cut -d' ' -f1-3 /proc/loadavg) | ms |"
echo "|---|---|"
echo "| signalbox signals --help | $help_ms |"
echo "| sqlite3 --version | $sqlite_ms |"
