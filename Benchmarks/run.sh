#!/usr/bin/env bash
# Issue 18's benchmarks in one command. Builds a release binary (Swift runtime and Foundation linked statically, as a
# release is shipped), generates the stores, runs each measurement beside its anchor, and prints one table: every
# goal, our figure, the anchor measured in the same run, the ratio, and whether the goal is met.
#   Benchmarks/run.sh [--skip-largest]
# The steps, each printing its own detail, saved in $SIGNALBOX_BENCH_DIR/run-<time>/ (default /tmp/signalbox-bench):
#   - start.sh: process start beside sqlite3's, first, while the machine is quiet,
#   - sizes.sh: ingest and signals at about 100k, 1M, 3M and 10M events (--skip-largest leaves out 10M, which takes
#     about 25 minutes), beside the sqlite3 floor of the same reads, and the console's first figures at each size,
#   - floor-sizes.sh: the sqlite3 CLI writing each size's event log and time entries set-wise (ingest-floor.sh): the
#     rate at 1M and the CPU per event at every size, the anchors of the ingest rows,
#   - console-load.sh: the console for 5 minutes under a 3,000 lines/s writer (CPU, RSS), --wall and the queue, the
#     bytes it writes while nobody types, beside htop,
#   - keys.sh: keystroke → frame through a pty on a 100,000-exception queue,
#   - postgres.sh: the 1M file ingested into a throwaway PostgreSQL cluster, and signals there beside SQLite's
#     (skipped without PostgreSQL's binaries),
#   - viewers.sh: the server's CPU with 1 and with 20 read-only consoles under a 1,000 lines/s writer (about 10
#     minutes; skipped with PostgreSQL's, or when SIGNALBOX_SKIP_VIEWERS=1),
#   - ordo-one/benchmark: signals in process on the 1M store (skipped when SIGNALBOX_SKIP_ORDO=1).
# About 30 minutes on a 2-core machine without the largest store and the ordo-one step (the floors at the three sizes
# about 5 of them, 4 of those at 3M, and 3 more to stage the 3M file the first time); the 10M store adds about 12
# (its ingest alone about 6) and its floor more. The build goes to $SIGNALBOX_SCRATCH_PATH (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
dir="${SIGNALBOX_BENCH_DIR:-/tmp/signalbox-bench}"
scratch="${SIGNALBOX_SCRATCH_PATH:-.build}"
skip_largest=()
[[ "${1:-}" == "--skip-largest" ]] && skip_largest=(--skip-largest)
mkdir -p "$dir"
export SIGNALBOX_BENCH_DIR="$dir" SIGNALBOX_SCRATCH_PATH="$scratch"

swift build -c release --static-swift-stdlib --product signalbox --scratch-path "$scratch"
bin="$(swift build -c release --static-swift-stdlib --show-bin-path --scratch-path "$scratch")/signalbox"
logs="$dir/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$logs"
echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1); $(git rev-parse --short HEAD)" \
    | tee "$logs/machine.txt"

step() {  # name, command...: runs the command, its output shown and saved as $logs/name.txt
    local name=$1
    shift
    echo
    echo "== $name: $*"
    "$@" 2>&1 | tee "$logs/$name.txt"
}

step start Benchmarks/start.sh "$bin"
step sizes Benchmarks/sizes.sh "$bin" "${skip_largest[@]}"
step floor Benchmarks/floor-sizes.sh "${skip_largest[@]}"
step console Benchmarks/console-load.sh
step keys Benchmarks/keys.sh "$bin"
if [[ -x "${SIGNALBOX_PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ]]; then
    step postgres Benchmarks/postgres.sh "$bin" "$dir/sizes-90d.jsonl" "$dir/sizes-90d.sqlite"
    if [[ "${SIGNALBOX_SKIP_VIEWERS:-}" != 1 ]]; then
        export SIGNALBOX_BIN="$bin"
        step viewers Benchmarks/viewers.sh
    fi
else
    echo "postgres: skipped (no initdb in ${SIGNALBOX_PG_BIN:-/usr/lib/postgresql/15/bin})"
fi
if [[ "${SIGNALBOX_SKIP_ORDO:-}" != 1 ]]; then
    # The in-process benchmarks read $dir/1m.sqlite: the 1M store sizes.sh just ingested.
    sqlite3 "$dir/sizes-90d.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
    for suffix in "" -time; do cp "$dir/sizes-90d.sqlite$suffix" "$dir/1m.sqlite$suffix"; done
    (cd Benchmarks && step ordo swift package --disable-sandbox benchmark)
fi

echo
echo "== issue 18's goals ($(cat "$logs/machine.txt"))"
echo
python3 Benchmarks/anchors-table.py "$logs" | tee "$logs/table.md"
echo
echo "Each step's output: $logs"
