#!/usr/bin/env bash
# Many viewers, one store (issue 18): the PostgreSQL server's CPU with 1 read-only console, then with 20, under the
# same 1,000 lines/s writer. Goal: with 20 the server's CPU stays ≤ 2× what it is with one.
#   - starts a throwaway PostgreSQL cluster (initdb in a temporary directory, a free port on 127.0.0.1,
#     pg_stat_statements loaded where installed), migrates the store as its owner, creates the roles
#     (`signalbox roles`) and a login `wallboard` in signalbox_viewer, as a wall terminal would use,
#   - loads a base history generated once (`generate --seed 1 --contracts $SIGNALBOX_VIEWERS_CONTRACTS`,
#     default 5000, about 115k events over 90 days ending yesterday),
#   - starts a writer: `signalbox ingest --batch-size 1000 -` as the owner, fed 1,000 lines/s by a feeder that
#     stamps each generated event with the wall clock's now and a fresh id (as console-load.sh does),
#   - starts a publisher (`signalbox publish`, as the owner) that computes the figures once per change for every
#     console; set SIGNALBOX_VIEWERS_PUBLISH=0 to measure consoles that each compute their own (as before it existed),
#   - phases, under the same writer: the writer alone (10 s warm-up, 30 s measured: the floor); one
#     `signalbox console --wall` as `wallboard`, 80x24 in tmux; 19 more (20 in all); the first one alone again
#     (its trends long filled, on a store the writer has grown meanwhile). Each console phase:
#     $SIGNALBOX_VIEWERS_WARMUP s of warm-up (default 30), then $SIGNALBOX_VIEWERS_SECONDS s measured (default 120)
#     in 10 s steps: the CPU of every process of the cluster (the postmaster's living children, and those that
#     exited through its cutime/cstime) and of the consoles, as % of one core; the age of the figures each console
#     shows (its status bar); events stored/s. pg_stat_statements is reset at each measured window's start; its
#     calls and time by role and its top statements are printed at the end.
#   - prints one table: each phase's server CPU, consoles' CPU, writer's rate, load and ages; then the ratio of
#     the server's CPU with 20 consoles to that with one (goal ≤ 2×), also above the writer-alone floor.
#
#   Benchmarks/viewers.sh
#
# The binary is $SIGNALBOX_BIN when set, else a release build in $SIGNALBOX_SCRATCH_PATH (default .build), as
# console-load.sh builds it. Inputs are cached in $SIGNALBOX_BENCH_DIR (default /tmp/signalbox-bench). Run as
# root, the cluster runs as `postgres`. $SIGNALBOX_VIEWERS (default 20) sets phase B's consoles. About 9 minutes.
# Only what this script started is stopped: its own tmux server (-L viewers<PID>), its writer, its cluster.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
dir="${SIGNALBOX_BENCH_DIR:-/tmp/signalbox-bench}"
scratch="${SIGNALBOX_SCRATCH_PATH:-.build}"
contracts="${SIGNALBOX_VIEWERS_CONTRACTS:-5000}"
viewers="${SIGNALBOX_VIEWERS:-20}"
warmup="${SIGNALBOX_VIEWERS_WARMUP:-30}"
seconds="${SIGNALBOX_VIEWERS_SECONDS:-120}"
rate=1000
publish="${SIGNALBOX_VIEWERS_PUBLISH:-1}"
mkdir -p "$dir"

if [[ -n "${SIGNALBOX_BIN:-}" ]]; then
    bin="$SIGNALBOX_BIN"
else
    swift build -c release --static-swift-stdlib --product signalbox --scratch-path "$scratch"
    bin="$(swift build -c release --static-swift-stdlib --show-bin-path --scratch-path "$scratch")/signalbox"
fi

# Inputs (once): the base history ending yesterday, and enough writer lines for the whole run with slack.
days_from="$(date -u -d '-90 days' +%F)"
yesterday="$(date -u -d 'yesterday' +%F)"
base="$dir/viewers-base-$contracts-$yesterday.jsonl"
[[ -s "$base" ]] || "$bin" generate --seed 1 --contracts "$contracts" --from "$days_from" --to "$yesterday" --output "$base"
writer_input="$dir/viewers-writer.jsonl"
# (The three console phases, the writer alone, up to 300 s of catching up, and slack: a writer whose input ran
# out would leave the last phase without one.)
needed=$(( rate * (3 * (warmup + seconds) + 500) ))
if [[ ! -s "$writer_input" ]] || (( $(wc -l < "$writer_input") < needed )); then
    "$bin" generate --seed 7 --contracts $(( needed / 20 )) --from "$days_from" --to "$yesterday" --output "$writer_input"
fi

# The cluster (pg-cluster.sh, as postgres.sh starts it), with room for 20 consoles' connections.
source Benchmarks/pg-cluster.sh
cluster="$(mktemp -d /tmp/signalbox-viewers-pg.XXXXXX)"
# A tmux server of its own: nothing here touches other tmux sessions.
socket="viewers$$"
tm() { tmux -L "$socket" "$@"; }
writer_pid=""
publisher_pid=""
cleanup() {
    tm kill-server 2> /dev/null || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$socket"   # a killed server leaves its socket file
    [[ -n "$writer_pid" ]] && kill "$writer_pid" 2> /dev/null || true
    [[ -n "$publisher_pid" ]] && kill "$publisher_pid" 2> /dev/null || true
    pg_cluster_stop "$cluster"
    rm -rf "$cluster"
}
trap cleanup EXIT
pg_cluster_start "$cluster" -c max_connections=300
owner_url="$url"
viewer_url="postgres://wallboard@127.0.0.1:$port/signalbox?sslmode=disable"
"$bin" migrate --store "$owner_url" > /dev/null
"$bin" roles | PGOPTIONS="-c client_min_messages=warning" psql -q > /dev/null
psql -qc 'CREATE ROLE wallboard LOGIN IN ROLE signalbox_viewer'

status=0
"$bin" ingest --store "$owner_url" "$base" > "$dir/viewers-base.out" || status=$?
[[ $status == 0 || $status == 65 ]] || { echo "base ingest failed ($status)"; cat "$dir/viewers-base.out"; exit 1; }
psql -qc 'VACUUM ANALYZE'
base_events=$(psql -Atc 'SELECT count(*) FROM events')
echo "store: PostgreSQL on 127.0.0.1:$port, $base_events events ($base, $(cat "$dir/viewers-base.out"))"

run_id="viewers$(date +%s)"
feeder() { python3 Benchmarks/live-feeder.py "$writer_input" "$rate" "$run_id"; }

ticks=$(getconf CLK_TCK)
postmaster=$(head -n 1 "$cluster/data/postmaster.pid")
# CPU ticks of the whole cluster: the postmaster (with its exited children) and every living child.
# (One awk over all the stat files: under 20 consoles the machine is saturated, and a process per PID would
# stretch each 10 s step.)
stat_files() { sed 's|.*|/proc/&/stat|'; }
server_ticks() {
    {
        awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat"
        # shellcheck disable=SC2046
        { cat $(pgrep -P "$postmaster" | stat_files) 2> /dev/null || true; } | awk '{ print $14 + $15 }'
    } | awk '{ total += $1 } END { print total }'
}
server_processes() { pgrep -c -P "$postmaster"; }
console_pids() { tm list-panes -a -F '#{pane_pid}' 2> /dev/null || true; }
consoles_ticks() {
    # shellcheck disable=SC2046
    { cat $(console_pids | stat_files) 2> /dev/null || true; } | awk '{ total += $14 + $15 } END { print total + 0 }'
}
percent() { awk -v t="$1" -v s="$2" -v hz="$ticks" 'BEGIN { printf "%.1f", 100 * t / hz / s }'; }
stored() { psql -Atc 'SELECT count(*) FROM events'; }
# Lines due by the feeder's schedule that the store does not hold yet: a starved writer falls behind (its pipe
# fills and the feeder waits), then catches up (the feeder sends what was due meanwhile).
backlog() {
    echo $(( $(awk -v a="$writer_started" -v b="$EPOCHREALTIME" -v r="$rate" 'BEGIN { printf "%d", (b - a) * r }') \
             - ($(stored) - base_events) ))
}
# The statements that took the server's time since the last reset, then forgets them.
top_statements() {
    [[ -n "$statements" ]] || { echo "(pg_stat_statements not installed)"; return 0; }
    psql -qc "SELECT round(total_exec_time) AS ms, calls, round((total_exec_time / calls)::numeric, 2) AS ms_per_call, rows,
                     r.rolname AS role, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS statement
              FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
              WHERE query NOT LIKE '%pg_stat_statements%' AND query <> 'SELECT count(*) FROM events'
              ORDER BY total_exec_time DESC LIMIT 15"
}
summary_by_role() {
    [[ -n "$statements" ]] || return 0
    psql -qc "SELECT r.rolname AS role, sum(calls) AS calls, round(sum(total_exec_time)) AS ms
              FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
              WHERE query NOT LIKE '%pg_stat_statements%' AND query <> 'SELECT count(*) FROM events'
              GROUP BY r.rolname ORDER BY ms DESC"
}
reset_statements() { [[ -z "$statements" ]] || psql -qAtc 'SELECT pg_stat_statements_reset()' > /dev/null; }

# The writer: the store's owner ingests from a pipe, one transaction per 1,000 lines (one per second).
feeder | "$bin" ingest --store "$owner_url" --batch-size "$rate" - > "$dir/viewers-writer.out" 2>&1 &
writer_pid=$!
writer_started=$EPOCHREALTIME
# The publisher: the owner computes the consoles' figures once per change (its CPU is reported apart).
publisher_ticks() { [[ -n "$publisher_pid" ]] && awk '{ print $14 + $15 }' "/proc/$publisher_pid/stat" 2> /dev/null || echo 0; }
if [[ "$publish" == 1 ]]; then
    "$bin" publish --store "$owner_url" --log-file "$dir/viewers-publish.log" > "$dir/viewers-publish.out" 2>&1 &
    publisher_pid=$!
fi

start_console() {  # number
    tm new-session -d -s "viewer$1" -x 80 -y 24 \
        "exec $bin console --store '$viewer_url' --wall --log-file $dir/viewers-console$1.log"
}

# The age of the figures each console shows (its status bar's "age"), in seconds: "median max", or "- -". The bar
# says "<10s" under ten seconds, counted here as 9 (the most it can be), then tens of seconds, then minutes.
ages() {
    local pane
    for pane in $(tm list-sessions -F '#{session_name}' 2> /dev/null); do
        tm capture-pane -p -t "$pane" | tail -n 1
    done | awk '{ if (match($0, /age <10s/)) print 9
                  else if (match($0, /age [0-9]+[smhd]/)) { v = substr($0, RSTART + 4, RLENGTH - 5); u = substr($0, RSTART + RLENGTH - 1, 1)
                     print v * (u == "m" ? 60 : u == "h" ? 3600 : u == "d" ? 86400 : 1) } }' | sort -n \
        | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)], a[NR]; else print "-", "-" }'
}

# One phase: warm-up, then the measured window in 10 s steps (a timeline of server %, consoles %, ages). Prints:
# server %, consoles %, events stored/s, load, median and max age at the end, the mean of the steps' median ages.
measure() {  # name [warm-up s, measured s]
    local warmup="${2:-$warmup}" seconds="${3:-$seconds}"
    sleep "$warmup"
    local e0 s0 c0 p0 t0 s1 c1 t1 e1 elapsed step sp cp tp age_sum=0 steps=0 median max
    e0=$(stored)
    reset_statements
    s0=$(server_ticks); c0=$(consoles_ticks); p0=$(publisher_ticks); t0=$EPOCHREALTIME
    sp=$s0; cp=$c0; tp=$t0
    {
        echo
        echo "== $1: every 10 s: server CPU %, consoles' CPU %, age of the figures shown (median, max s)"
        for (( step = 10; step <= seconds; step += 10 )); do
            sleep 10
            s1=$(server_ticks); c1=$(consoles_ticks); t1=$EPOCHREALTIME
            elapsed=$(awk -v a="$tp" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
            read -r median max <<< "$(ages)"
            echo "  ${step}s: server $(percent $((s1 - sp)) "$elapsed")  consoles $(percent $((c1 - cp)) "$elapsed")  age $median / $max"
            sp=$s1; cp=$c1; tp=$t1
        done
    } > "$dir/viewers-$1.txt"
    local processes behind p1
    p1=$(publisher_ticks)
    processes=$(server_processes)
    e1=$(stored)
    behind=$(backlog)
    elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
    read -r median max <<< "$(ages)"
    local mean_age
    mean_age=$(awk '/^  [0-9]+s:/ { split($0, f, "age "); split(f[2], g, " "); if (g[1] != "-") { s += g[1]; n++ } }
                    END { if (n) printf "%.0f", s / n; else print "-" }' "$dir/viewers-$1.txt")
    {
        echo "== $1: statements by role over ${elapsed} s (calls, total ms)"
        summary_by_role
        echo "== $1: top statements by total time"
        top_statements
        tm capture-pane -p -t viewer1 2> /dev/null || true
    } >> "$dir/viewers-$1.txt"
    echo "$e0 $(percent $((s1 - s0)) "$elapsed") $(percent $((c1 - c0)) "$elapsed") \
$(awk -v n=$((e1 - e0)) -v s="$elapsed" 'BEGIN { printf "%.0f", n / s }') $(cut -d' ' -f1 /proc/loadavg) $elapsed $processes $behind \
$median $max $mean_age $(percent $((p1 - p0)) "$elapsed")"
}

# Whether the writer still runs (it stops early only if it fails or its input runs out).
writer_notes=""
check_writer() {  # phase
    kill -0 "$writer_pid" 2> /dev/null || writer_notes+="THE WRITER HAD STOPPED by the end of phase $1 (see $dir/viewers-writer.out). "
}

# Phases: the writer alone (the floor the consoles add to; 10 s warm-up, 30 s); one console; $viewers; one again (the same first
# console, its trends long filled, on a store grown by the writer meanwhile).
read -r idle_events idle_server _ idle_rate idle_load idle_elapsed idle_processes idle_behind _ _ _ idle_publisher <<< "$(measure writer-only 10 30)"
check_writer "writer only"
start_console 1
read -r one_events one_server one_consoles one_rate one_load one_elapsed one_processes one_behind one_age one_max one_mean one_publisher <<< "$(measure one)"
check_writer "1 console"
for n in $(seq 2 "$viewers"); do start_console "$n"; done
read -r many_events many_server many_consoles many_rate many_load many_elapsed many_processes many_behind many_age many_max many_mean many_publisher <<< "$(measure many)"
check_writer "$viewers consoles"
running=$(console_pids | wc -l)
for n in $(seq 2 "$viewers"); do tm kill-session -t "viewer$n" 2> /dev/null || true; done
# A writer starved by phase B catches up first (to within 3 s of lines, at most 5 minutes), or phase A' would measure its catching up.
caught_up=0
while (( caught_up < 300 )) && (( $(backlog) > 3 * rate )); do sleep 5; caught_up=$(( caught_up + 5 )); done
read -r again_events again_server again_consoles again_rate again_load again_elapsed again_processes again_behind again_age again_max again_mean again_publisher <<< "$(measure one-again)"
check_writer "1 console again"
kill "$writer_pid" 2> /dev/null || true
wait "$writer_pid" 2> /dev/null || true
writer_pid=""

cat "$dir/viewers-writer-only.txt" "$dir/viewers-one.txt" "$dir/viewers-many.txt" "$dir/viewers-one-again.txt"
echo
echo "PostgreSQL 127.0.0.1, $base_events base events ($contracts contracts) + writer $rate lines/s; read-only consoles"
echo "(console --wall as a signalbox_viewer login) 80x24 in tmux; ${warmup} s warm-up, ${seconds} s measured per phase;"
echo "$(nproc) cores; $running consoles running at the end of the $viewers-console phase"
echo
echo "publisher: $([[ "$publish" == 1 ]] && echo "signalbox publish as the owner (its own CPU in its column)" || echo "none (SIGNALBOX_VIEWERS_PUBLISH=0): each console computes its own figures")"
echo
echo "| phase | events at start | measured (s) | server CPU (% of a core) | server processes | consoles' CPU | publisher's CPU | events stored/s | writer behind at end (lines) | load (1 min) | age shown: mean of medians / at end median, max (s) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
echo "| writer only | $idle_events | $idle_elapsed | $idle_server | $idle_processes | – | $idle_publisher | $idle_rate | $idle_behind | $idle_load | – |"
echo "| 1 console | $one_events | $one_elapsed | $one_server | $one_processes | $one_consoles | $one_publisher | $one_rate | $one_behind | $one_load | $one_mean / $one_age, $one_max |"
echo "| $viewers consoles | $many_events | $many_elapsed | $many_server | $many_processes | $many_consoles | $many_publisher | $many_rate | $many_behind | $many_load | $many_mean / $many_age, $many_max |"
echo "| 1 console again | $again_events | $again_elapsed | $again_server | $again_processes | $again_consoles | $again_publisher | $again_rate | $again_behind | $again_load | $again_mean / $again_age, $again_max |"
echo
echo "Before the last phase the writer caught up for $caught_up s. $writer_notes"
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
echo "server CPU, $viewers consoles / 1 console: $(ratio "$many_server" "$one_server")x, / 1 console again: $(ratio "$many_server" "$again_server")x (goal ≤ 2x)"
echo "above the writer alone: $(ratio "$(awk -v a="$many_server" -v w="$idle_server" 'BEGIN { print a - w }')" \
    "$(awk -v a="$one_server" -v w="$idle_server" 'BEGIN { print a - w }')")x, again: \
$(ratio "$(awk -v a="$many_server" -v w="$idle_server" 'BEGIN { print a - w }')" "$(awk -v a="$again_server" -v w="$idle_server" 'BEGIN { print a - w }')")x"
echo "Timelines, statements and screens: $dir/viewers-{writer-only,one,many,one-again}.txt; consoles' logs: $dir/viewers-console*.log"
