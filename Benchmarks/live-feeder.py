"""A live writer's input: generated events, each stamped with the wall clock's now and a fresh id, at a steady rate.

    python3 Benchmarks/live-feeder.py EVENTS_FILE RATE RUN_ID | signalbox ingest --batch-size RATE -

Writes the file's events to standard output, RATE lines a second (flushed every tenth of a second), with
`event_id` set to RUN_ID-N and `occurred_at` to now, so that they are live events for the console. A writer that
falls behind blocks the feeder on its full pipe; the feeder then sends what fell due meanwhile, as an upstream
queue would. Stops quietly when the writer goes away.
"""
import datetime
import json
import sys
import time


def main(path, rate, run):
    chunk = max(1, rate // 10)
    start = time.monotonic()
    sent = 0
    with open(path) as lines:
        for number, line in enumerate(lines):
            event = json.loads(line)
            event["event_id"] = f"{run}-{number}"
            event["occurred_at"] = (datetime.datetime.now(datetime.timezone.utc)
                                    .isoformat(timespec="milliseconds").replace("+00:00", "Z"))
            sys.stdout.write(json.dumps(event, separators=(",", ":")) + "\n")
            sent += 1
            if sent % chunk == 0:
                sys.stdout.flush()
                delay = start + sent / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)


if __name__ == "__main__":
    try:
        main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
    except BrokenPipeError:  # the writer was stopped: the run is over
        sys.stderr.close()
