#!/usr/bin/env bash
# HTTP ingest against file ingest, on loopback only: generates a deterministic event file, times `signalbox ingest`
# on it, then starts `signalbox serve` on a free loopback port over a fresh store for each batch size (1, 100 and
# 10,000 lines per request) and posts consecutive batches of the same file from one keep-alive client, printing
# events/s and the p50/p99 request latency. Every loop is bounded by a count and by seconds; the server is stopped
# with SIGTERM at the end of each run.
# Usage: serve-ingest.sh [WORKDIR]   (release build: swift build -c release --product signalbox first)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=.build/release/signalbox
[[ -x "$binary" ]] || { echo "build first: swift build -c release --product signalbox" >&2; exit 1; }
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
events="$work/events.jsonl"
[[ -s "$events" ]] || "$binary" generate --seed 17 --contracts 4000 --from 2026-08-25 --to 2026-11-22 --output "$events"
echo "events: $(wc -l < "$events") lines, $(du -h "$events" | cut -f1)"

rm -f "$work"/file.sqlite*
start=$(date +%s.%N)
"$binary" ingest --store "$work/file.sqlite" "$events" > /dev/null || true
end=$(date +%s.%N)
python3 -c "import sys; n=int(sys.argv[1]); t=float(sys.argv[3])-float(sys.argv[2]); print(f'file ingest: {n} events in {t:.2f} s = {n/t:,.0f} events/s')" \
    "$(wc -l < "$events")" "$start" "$end"

token=$("$binary" serve --new-token bench --sources CRM,CLM,PSA,ERP,BILLING,HCM,MIDDLEWARE)
echo "$token" | tail -1 > "$work/tokens.yaml"
bearer=$(echo "$token" | sed -n 2p)

for batch in 1 100 10000; do
    rm -f "$work"/http.sqlite*
    "$binary" serve --store "$work/http.sqlite" --listen 127.0.0.1:0 --tokens "$work/tokens.yaml" \
        --log-file "$work/serve.log" > "$work/serve.out" &
    server=$!
    for _ in $(seq 100); do grep -q "listening on" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
    port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.out" | head -1)
    python3 - "$events" "$port" "$bearer" "$batch" <<'PY'
import http.client, sys, time
path, port, bearer, batch = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
lines = open(path, 'rb').read().split(b'\n')
lines = [l for l in lines if l.strip()]
# Bounded: at most 5,000 single-event requests, 1,000 of 100, and the whole file in batches of 10,000; 60 s at most.
limit = {1: 5_000, 100: 100_000}.get(batch, len(lines))
connection = http.client.HTTPConnection('127.0.0.1', port)
headers = {'Authorization': 'Bearer ' + bearer, 'Content-Type': 'application/x-ndjson'}
latencies, sent, started = [], 0, time.perf_counter()
while sent < min(limit, len(lines)) and time.perf_counter() - started < 60:
    body = b'\n'.join(lines[sent:sent + batch]) + b'\n'
    t0 = time.perf_counter()
    connection.request('POST', '/v1/events', body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    latencies.append(time.perf_counter() - t0)
    if response.status not in (200, 422):
        sys.exit(f'status {response.status}')
    sent += len(lines[sent:sent + batch])
elapsed = time.perf_counter() - started
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
print(f'HTTP batches of {batch}: {sent} events in {len(latencies)} requests, {elapsed:.2f} s = {sent / elapsed:,.0f} events/s; '
      f'latency p50 {p(0.5):.2f} ms, p99 {p(0.99):.2f} ms')
PY
    kill -TERM "$server"; wait "$server" || true
done
