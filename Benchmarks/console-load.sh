#!/usr/bin/env bash
# The console's cost while it runs all day (issue 18), beside htop measured the same way:
#   - builds release (Swift runtime and Foundation linked statically, as a release binary is shipped), generates (once) a SQLite store ending yesterday (1M events unless DAYS says otherwise) and copies it for the run,
#   - starts a writer: `signalbox ingest --batch-size 3000 -` fed 3,000 lines/s (generated events, each stamped
#     with the wall clock's now and a fresh id, so they are live events for the console),
#   - runs `signalbox console` in tmux at 80x24 on that store, and `htop -d 10` in another 80x24 tmux session,
#   - prints CPU% (of one core) over the first 20 s and from 20 s to 5 min, RSS after 20 s, over 4:30–5:00 (median
#     of 30 samples, and their range) and the peak,
#     then 20 s each of `--wall` and the exception queue under the same writer, and the bytes the dashboard writes to
#     its terminal over 60 s while nobody types (Benchmarks/idle-output.py; htop's the same way), then the same 60 s
#     again at the start of a new writer on a fresh copy of the store.
# About 9 minutes. Inputs are cached in $SIGNALBOX_BENCH_DIR (default /tmp/signalbox-bench); the build goes to
# $SIGNALBOX_SCRATCH_PATH (default .build). htop is measured only when installed (apt-get install htop).
#   Benchmarks/console-load.sh [DAYS]
# DAYS (default 90) is the history of the store: contracts arrive at the 1M store's rate (42,000 per 90 days), so
# 90 days is about 1M events and 288 about 10M (generating and ingesting that store once takes about 15 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
dir="${SIGNALBOX_BENCH_DIR:-/tmp/signalbox-bench}"
scratch="${SIGNALBOX_SCRATCH_PATH:-.build}"
mkdir -p "$dir"

swift build -c release --static-swift-stdlib --product signalbox --scratch-path "$scratch"
bin="$(swift build -c release --static-swift-stdlib --show-bin-path --scratch-path "$scratch")/signalbox"
rate=3000
days="${1:-90}"
[[ "$days" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [DAYS]" >&2; exit 64; }

# The store (once), ending yesterday so that its last days are the console's window.
name=$([[ "$days" == 90 ]] && echo console-1m || echo "console-${days}d")
pristine="$dir/$name.sqlite"
if [[ ! -s "$pristine" || ! -s "$pristine-time" ]]; then
    "$bin" generate --seed 1 --contracts $(( 42000 * days / 90 )) --from "$(date -u -d "-$days days" +%F)" \
        --to "$(date -u -d 'yesterday' +%F)" --output "$dir/$name.jsonl"
    rm -f "$pristine"*
    "$bin" ingest --store "$pristine" "$dir/$name.jsonl" || [[ $? == 65 ]]
    sqlite3 "$pristine" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
    sqlite3 "$pristine-time" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
fi
"$bin" migrate --store "$pristine" > /dev/null   # a store from an earlier build: its upgrade is not the console's cost
writer_input="$dir/console-writer.jsonl"
# Enough lines for the whole run (5 min, then 20 s each of wall and queue and 65 s of output: 405 s, with slack) at
# the writer's rate. The generator's 60,000 contracts write about 1,453,000 lines, 484 s of it: asking for 500 s
# regenerated the file on every run.
if [[ ! -s "$writer_input" ]] || (( $(wc -l < "$writer_input") < rate * 450 )); then
    "$bin" generate --seed 7 --contracts 60000 --from "$(date -u -d '-90 days' +%F)" --to "$(date -u -d 'yesterday' +%F)" \
        --output "$writer_input"
fi
store="$dir/console-run.sqlite"
rm -f "$store"*
cp "$pristine" "$store"
cp "$pristine-time" "$store-time"
echo "store: $(sqlite3 "$store" 'SELECT count(*) FROM events') events ($(du -h "$store" | cut -f1) + $(du -h "$store-time" | cut -f1)), copied from $pristine"

# A writer: ingest from a pipe into STORE, one transaction per second, its events' ids prefixed with RUN; output to OUT.
start_writer() {  # store, run, out
    python3 Benchmarks/live-feeder.py "$writer_input" "$rate" "$2" | "$bin" ingest --store "$1" --batch-size "$rate" - > "$3" 2>&1 &
    writer_pid=$!
}
stop_writer() {
    kill "$writer_pid" 2> /dev/null || true
    wait "$writer_pid" 2> /dev/null || true
    writer_pid=""
}

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_mib() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
peak_mib() { awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
percent() { awk -v t="$1" -v s="$2" -v hz="$ticks" 'BEGIN { printf "%.1f", 100 * t / hz / s }'; }
# A tmux server of its own: nothing here touches other tmux sessions.
tm() { tmux -L signalbox-console-load "$@"; }
pane_pid() { tm list-panes -t "$1" -F '#{pane_pid}'; }
cleanup() {
    tm kill-server 2> /dev/null || true
    [[ -n "${writer_pid:-}" ]] && kill "$writer_pid" 2> /dev/null || true
}
trap cleanup EXIT

# The first writer, started before the console opens.
start_writer "$store" "live$(date +%s)" "$dir/writer.out"
sleep 2

start_session() {  # name, command
    tm new-session -d -s "$1" -x 80 -y 24 "exec $2"
}
start_session sbx-console "$bin console --store $store --log-file $dir/console.log"
have_htop=false
if command -v htop > /dev/null; then
    have_htop=true
    start_session sbx-htop "htop -d 10"
fi
sleep 0.5
console=$(pane_pid sbx-console)
htop_pid=$($have_htop && pane_pid sbx-htop || echo "")
c0=$(cpu_ticks "$console"); h0=$($have_htop && cpu_ticks "$htop_pid" || echo 0)
sleep 20
c20=$(cpu_ticks "$console"); h20=$($have_htop && cpu_ticks "$htop_pid" || echo 0)
console_rss20=$(rss_mib "$console"); htop_rss20=$($have_htop && rss_mib "$htop_pid" || echo -)
tm capture-pane -p -t sbx-console > "$dir/console-20s.txt"
sleep 250
# RSS at one instant depends on whether a recompute is running then: the last 30 s are sampled once a second,
# and the median is reported with the range.
rss_samples=$(for _ in $(seq 30); do rss_mib "$console"; echo; sleep 1; done | sort -n)
console_rss300="$(sed -n 15p <<< "$rss_samples") (range $(head -n 1 <<< "$rss_samples")–$(tail -n 1 <<< "$rss_samples"))"
c300=$(cpu_ticks "$console"); h300=$($have_htop && cpu_ticks "$htop_pid" || echo 0)
htop_rss300=$($have_htop && rss_mib "$htop_pid" || echo -)
console_peak=$(peak_mib "$console"); htop_peak=$($have_htop && peak_mib "$htop_pid" || echo -)
tm capture-pane -p -t sbx-console > "$dir/console-300s.txt"
tm send-keys -t sbx-console q

# Wall and queue: 20 s each under the same writer.
mode_figures() {  # name, extra console options, keys to send
    start_session "sbx-$1" "$bin console --store $store --log-file $dir/console.log $2"
    sleep 0.5
    local pid before
    pid=$(pane_pid "sbx-$1")
    [[ -n "$3" ]] && { sleep 1; tm send-keys -t "sbx-$1" "$3"; }
    before=$(cpu_ticks "$pid")
    sleep 20
    echo "$(percent $(( $(cpu_ticks "$pid") - before )) 20) $(rss_mib "$pid") $(peak_mib "$pid")"
    tm capture-pane -p -t "sbx-$1" > "$dir/console-$1.txt"
    tm send-keys -t "sbx-$1" q
}
read -r wall_cpu wall_rss wall_peak <<< "$(mode_figures wall --wall "")"
read -r queue_cpu queue_rss queue_peak <<< "$(mode_figures queue "" e)"
# What an SSH link carries while nobody types: 60 s of the dashboard's output through a pty, under the same writer
# (Benchmarks/idle-output.py), beside htop's.
idle_output() { python3 Benchmarks/idle-output.py --seconds 60 -- "$@" | sed 's/^idle output over [0-9]* s at 80x24: //'; }
console_idle=$(idle_output "$bin" console --store "$store" --log-file "$dir/console.log")
htop_idle=$($have_htop && idle_output htop -d 10 || echo "")
stop_writer
ingested=$(( $(sqlite3 "$store" 'SELECT count(*) FROM events') - $(sqlite3 "$pristine" 'SELECT count(*) FROM events') ))
# The same 60 s at the writer's start, on a fresh copy: there the window is light and every read is cheap, so the
# pace of reads is the recompute interval's, not the reads' cost (6 minutes in, reads cost enough to space themselves).
cp "$pristine" "$store.start"
cp "$pristine-time" "$store.start-time"
start_writer "$store.start" "start$(date +%s)" "$dir/writer-start.out"
sleep 2
console_idle_start=$(idle_output "$bin" console --store "$store.start" --log-file "$dir/console.log")
stop_writer
rm -f "$store.start"*

htop_cell() { $have_htop && echo "$1" || echo "(htop not installed)"; }
echo
echo "Console on $(sqlite3 "$pristine" 'SELECT count(*) FROM events') events, 80x24 in tmux, writer $rate lines/s ($ingested events ingested during the run); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | signalbox console | htop -d 10 |"
echo "|---|---|---|"
echo "| CPU, first 20 s (% of a core) | $(percent $((c20 - c0)) 20) | $(htop_cell "$(percent $((h20 - h0)) 20)") |"
echo "| CPU, 20 s to 5 min | $(percent $((c300 - c20)) 280) | $(htop_cell "$(percent $((h300 - h20)) 280)") |"
echo "| RSS after 20 s (MiB) | $console_rss20 | $(htop_cell "$htop_rss20") |"
echo "| RSS over 4:30–5:00, median of 30 (MiB) | $console_rss300 | $(htop_cell "$htop_rss300") |"
echo "| peak RSS over 5 min (MiB) | $console_peak | $(htop_cell "$htop_peak") |"
echo "| --wall, 20 s: CPU / RSS / peak | $wall_cpu% / $wall_rss / $wall_peak MiB | |"
echo "| exception queue, 20 s: CPU / RSS / peak | $queue_cpu% / $queue_rss / $queue_peak MiB | |"
echo "| output while nobody types, 60 s through a pty | $console_idle | $(htop_cell "$htop_idle") |"
echo "| output at the writer's start, nobody typing, 60 s through a pty | $console_idle_start | $(htop_cell "$htop_idle") |"
echo
echo "Screens: $dir/console-20s.txt, console-300s.txt, console-wall.txt, console-queue.txt; writer: $dir/writer.out"
