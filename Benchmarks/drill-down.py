#!/usr/bin/env python3
"""How long a drill-down takes to open: Enter on a tile to its list's header on screen, through a pty at 80x24.

Usage: drill-down.py [--runs N] BINARY STORE KEYS TEXT

Starts `BINARY console --store STORE --read-only`, waits 4 s for the dashboard's figures, types KEYS one at a time
(0.5 s apart; `\\r` is Enter, the last key, and is timed), and prints the milliseconds from that Enter until TEXT is
drawn (the list's header, such as `500 of`), median of N runs (default 3). Examples on `console-load.sh`'s store:
  drill-down.py BIN /tmp/signalbox-bench/console-1m.sqlite 'lj\\r' '500 of'      # unbilled time
  drill-down.py BIN /tmp/signalbox-bench/console-1m.sqlite ' j\\r' '1,000 of'   # invoice to cash (page 2)
"""
import argparse, os, select, signal, statistics, time
import pty_program


def read_until(fd, deadline, wanted=None):
    """Reads what the program draws until `deadline`, or until `wanted` has been drawn: returns when, or None."""
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            seen += os.read(fd, 65536)
            if wanted is not None and wanted in seen:
                return time.monotonic()
    return None


def one_run(binary, store, keys, wanted):
    pid, fd = pty_program.start([binary, "console", "--store", store, "--read-only"], 80, 24)
    try:
        read_until(fd, time.monotonic() + 4)
        for key in keys[:-1]:
            os.write(fd, key.encode())
            read_until(fd, time.monotonic() + 0.5)
        pressed = time.monotonic()
        os.write(fd, keys[-1].encode())
        shown = read_until(fd, pressed + 60, wanted.encode())
        return None if shown is None else (shown - pressed) * 1000
    finally:
        os.write(fd, b"q")
        time.sleep(0.3)
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("binary")
    parser.add_argument("store")
    parser.add_argument("keys")
    parser.add_argument("text")
    options = parser.parse_args()
    keys = options.keys.encode().decode("unicode_escape")
    times = [one_run(options.binary, options.store, keys, options.text) for _ in range(options.runs)]
    if None in times:
        print(f"'{options.text}' not drawn within 60 s of the last key")
        raise SystemExit(1)
    print(f"drill-down drawn {statistics.median(times):.0f} ms after the last key (median of {len(times)}; "
          + ", ".join(f"{t:.0f}" for t in times) + " ms)")


if __name__ == "__main__":
    main()
