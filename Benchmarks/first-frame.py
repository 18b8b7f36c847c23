#!/usr/bin/env python3
"""Time from starting `signalbox console` to its first frame and to the first frame with the signals (issue 18).

Usage: first-frame.py BINARY STORE [--as-of T] [--runs N] [--size 80x24] [--wall]

Starts the console on STORE in a pseudo-terminal of the given size (TERM=xterm-256color), N times (default 5), and
records from the fork:
  first   - the last byte of the first frame (bytes closer than 15 ms apart are one frame): the screen that says
            it is reading the store,
  signals - the last byte of the first frame that draws the activation tile's figures (`p50`), that is, the first
            signals read done and drawn.
Each run is stopped with q once the signals are drawn (or after 60 s). Prints each run, then the medians.
"""
import argparse, os, select, signal, statistics, time
import pty_program

MARKER = b"p50"


def run_once(binary, store, cols, rows, as_of, wall):
    arguments = [binary, "console", "--store", store, "--log-file", "/tmp/signalbox-first-frame.log"]
    if as_of:
        arguments += ["--as-of", as_of]
    if wall:
        arguments += ["--wall"]
    start = time.monotonic()
    pid, fd = pty_program.start(arguments, cols, rows)
    first = signals = last = None
    frame = b""
    seen = b""
    deadline = start + 60
    while signals is None and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], pty_program.FRAME_GAP)
        if not ready:
            if last is not None and frame:
                if first is None:
                    first = last
                if MARKER in seen:
                    signals = last
                frame = b""
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        last = time.monotonic()
        frame += chunk
        seen = (seen + chunk)[-4096:]
    os.write(fd, b"q")
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)
    to_ms = lambda t: None if t is None else (t - start) * 1000
    return to_ms(first), to_ms(signals)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("store")
    parser.add_argument("--as-of")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--wall", action="store_true")
    options = parser.parse_args()
    cols, rows = (int(n) for n in options.size.split("x"))
    firsts, signals = [], []
    for number in range(1, options.runs + 1):
        first, drawn = run_once(options.binary, options.store, cols, rows, options.as_of, options.wall)
        print(f"run {number}: first frame {first:.1f} ms, signals drawn {drawn:.1f} ms" if drawn is not None
              else f"run {number}: first frame {first} ms, signals not drawn within 60 s")
        firsts.append(first)
        if drawn is not None:
            signals.append(drawn)
    print(f"median of {options.runs}: first frame {statistics.median(firsts):.1f} ms, "
          f"signals drawn {statistics.median(signals):.1f} ms" if signals else "no run drew the signals")


if __name__ == "__main__":
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    main()
