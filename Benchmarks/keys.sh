#!/usr/bin/env bash
# Keystroke -> frame on a 100,000-exception queue (issue 18), through a real pty (Benchmarks/keys.py).
#   keys.sh [BINARY]   (default: builds release)
# Writes (once) 100,000 open exceptions of nine kinds, five severities and 4,000 subjects into a new SQLite store in
# $SIGNALBOX_BENCH_DIR (default /tmp/signalbox-bench), then measures each key at 80x24: first frame and settled
# frame (median ms), at 100 rows loaded and again once 20,000 are.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
dir="${SIGNALBOX_BENCH_DIR:-/tmp/signalbox-bench}"
mkdir -p "$dir"
bin="${1:-}"
if [[ -z "$bin" ]]; then
    swift build -c release --product signalbox
    bin=.build/release/signalbox
fi
store="$dir/queue-100k.sqlite"
if [[ ! -s "$store" ]]; then
    python3 - > "$dir/queue-100k.jsonl" <<'PY'
import datetime, json, random
random.seed(18)
kinds = ["ambiguous_customer_mapping", "missing_master_data", "rate_mismatch", "amendment_conflict", "time_after_cutoff",
         "duplicate_event", "posting_failed", "provisioning_failed", "schema_violation"]
severities = ["low", "medium", "high", "critical", "medium"]
start = datetime.datetime(2026, 9, 1, tzinfo=datetime.timezone.utc)
for number in range(100_000):
    at = start + datetime.timedelta(seconds=number * 77 + random.randrange(60))
    subject = random.randrange(4000)
    event = {"event_id": f"q-{number}", "type": "exception.raised",
             "occurred_at": at.isoformat(timespec="milliseconds").replace("+00:00", "Z"), "source": "MIDDLEWARE",
             "correlation_id": f"CTR-Q{number % 25000:07d}",
             "data": {"exception_id": f"EXC-Q{number:07d}", "kind": random.choice(kinds), "severity": random.choice(severities),
                      "summary": f"exception {number} of the queue benchmark",
                      "amount_at_risk": random.randrange(100, 5_000_000), "currency": random.choice(["USD", "EUR", "GBP"]),
                      "failed_event_id": f"q-failed-{number}",
                      "subject": {"system": "CRM", "key": f"CRM-{subject:06d}", "name": f"Customer {subject}"}}}
    print(json.dumps(event, separators=(",", ":")))
PY
    "$bin" ingest --store "$store" "$dir/queue-100k.jsonl"
fi
"$bin" migrate --store "$store" > /dev/null   # a store from an earlier build: its upgrade is not a key's cost
echo "store: $(sqlite3 "$store" "SELECT count(*) FROM events WHERE type = 'exception.raised'") exceptions raised; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 Benchmarks/keys.py "$bin" "$store" --size 80x24 --loaded 20000
