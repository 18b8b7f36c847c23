#!/usr/bin/env python3
"""Keystroke -> frame latency of `signalbox console` through a real pty (issue 18).

Usage: keys.py BINARY STORE [--size 80x24] [--loaded 20000]

Opens the console on STORE in a pseudo-terminal of the given size (TERM=xterm-256color), opens the exception queue,
and presses scripted keys, one at a time once the screen is quiet. For each key it records:
  first  - the last byte of the first frame written after the key (bytes closer than 15 ms apart are one frame),
  settled - the last byte before 400 ms of quiet (a key that asks the store draws again when the rows arrive), not
            counting frames that only rewrite the status line: its age ticks every second, whatever the key.
Then it loads rows until --loaded are loaded (G, which loads the next page as the selection reaches the end) and
presses j again, so that the cost of a key can be compared at 100 and at 20,000 rows loaded.
Prints one table: key, what it does, median first / settled (ms), and the number of presses.
"""
import os, re, select, statistics, sys, time
import pty_program

QUIET = 0.4


def spawn(binary, store, cols, rows):
    return pty_program.start([binary, "console", "--store", store, "--log-file", "/tmp/signalbox-keys.log"], cols, rows)


def read_until_quiet(fd, quiet):
    """Reads until `quiet` seconds pass without output; returns (bytes, time of the first and last byte, frames:
    (time of the frame's last byte, the frame's bytes))."""
    data = b""
    first = last = None
    frames = []
    frame = b""
    while True:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            if last is not None:
                frames.append((last, frame))
            return data, first, last, frames
        chunk = os.read(fd, 65536)
        now = time.monotonic()
        if last is not None and now - last > pty_program.FRAME_GAP:
            frames.append((last, frame))
            frame = b""
        if first is None:
            first = now
        last = now
        data += chunk
        frame += chunk


CURSOR_ROW = re.compile(rb"\x1b\[(\d+)(?:;\d+H|d)")


def only_status_line(frame, status_row):
    """Whether a frame only rewrites the status line (the row above the key hints): every cursor move in it goes
    to that row (curses moves by `CSI row;col H` and `CSI row d`) and no newline leaves it."""
    rows = {int(row) for row in CURSOR_ROW.findall(frame)}
    return rows == {status_row} and b"\n" not in frame


def press(fd, key, status_row):
    read_until_quiet(fd, 0.25)   # let any idle redraw pass first
    start = time.monotonic()
    os.write(fd, key)
    _, _, last, frames = read_until_quiet(fd, QUIET)
    if last is None:
        return None, None
    drawn = [end for end, frame in frames if not only_status_line(frame, status_row)] or [frames[0][0]]
    return (frames[0][0] - start) * 1000, (drawn[-1] - start) * 1000


def main():
    binary, store = sys.argv[1], sys.argv[2]
    cols, rows = 80, 24
    loaded_target = 20000
    args = sys.argv[3:]
    for index, arg in enumerate(args):
        if arg == "--size":
            cols, rows = (int(x) for x in args[index + 1].split("x"))
        if arg == "--loaded":
            loaded_target = int(args[index + 1])
    pid, fd = spawn(binary, store, cols, rows)
    start = time.monotonic()
    _, _, last, _ = read_until_quiet(fd, 2.0)
    print(f"first screen after {((last or start) - start) * 1000:.0f} ms (until 2 s of quiet)", file=sys.stderr)

    samples_of = {}   # (label, what) -> [(first, settled)], in the order first measured

    def measure(label, what, key, times, before=None):
        """`before` is pressed (untimed) ahead of each press, so that a key such as Home moves every time: a key
        that changes nothing draws nothing, and its "frame" would be whatever redraw came next. Presses measured
        again under the same label and description join the same row."""
        samples = samples_of.setdefault((label, what), [])
        for _ in range(times):
            if before:
                os.write(fd, before)
                read_until_quiet(fd, 0.3)
            sample = press(fd, key, rows - 1)
            if sample[0] is not None:
                samples.append(sample)

    measure("e", "open the queue", b"e", 1)
    read_until_quiet(fd, 1.0)
    measure("j", "down one row (100 rows loaded)", b"j", 20)
    measure("k", "up one row", b"k", 10)
    measure("PgDn", "down one page", b"\x1b[6~", 5)
    measure("G", "to the last loaded row (loads the next page)", b"G", 5)
    measure("Home", "to the first row, from a page down", b"\x1bOH", 3, before=b"\x1b[6~")   # xterm's khome
    measure("s", "next sort column (asks the store)", b"s", 4)
    measure("S", "reverse the sort (asks the store)", b"S", 2)
    # The filter, five times over: one press of Enter is one sample, and a median of one is whatever the machine
    # did at that moment (17.5 ms in one run under load 1.9, 11–12 ms in the runs before).
    for _ in range(5):
        measure("/", "open the filter line", b"/", 1)
        for ch in b"posting":
            measure(chr(ch), "type into the filter", bytes([ch]), 1)
        measure("Enter", "apply the filter (asks the store)", b"\r", 1)
        measure("/", "open the filter line again", b"/", 1)
        for _ in range(len("posting")):
            press(fd, b"\x7f", rows - 1)
        measure("Enter", "clear the filter (asks the store)", b"\r", 1)
    # Load rows until the target is loaded: G at the end loads the next page (100 rows).
    presses = 0
    deadline = time.monotonic() + 600
    while presses < loaded_target // 100 + 5 and time.monotonic() < deadline:
        os.write(fd, b"G")
        read_until_quiet(fd, 0.08)
        presses += 1
    read_until_quiet(fd, 1.0)
    measure("j", f"down one row after {presses} G (about {presses * 100:,} rows loaded)", b"j", 20)
    measure("k", "up one row, same", b"k", 10)
    measure("PgUp", "up one page, same", b"\x1b[5~", 5)
    for _ in range(5):   # g cycles rows -> by kind -> by subject -> rows
        measure("g", "group by kind (asks the store)", b"g", 1)
        measure("g", "group by subject (4,000 subjects; asks the store)", b"g", 1)
        measure("j", "down one group, by subject", b"j", 2)
        measure("g", "back to rows (asks the store)", b"g", 1)
    os.write(fd, b"q")
    os.write(fd, b"q")
    time.sleep(0.2)
    try:
        os.kill(pid, 15)
    except ProcessLookupError:
        pass
    print(f"| key | what | first frame, median ms | settled, median ms | presses |")
    print(f"|---|---|---|---|---|")
    for (label, what), samples in samples_of.items():
        if samples:
            first = statistics.median(s[0] for s in samples)
            settled = statistics.median(s[1] for s in samples)
            print(f"| {label} | {what} | {first:.1f} | {settled:.1f} | {len(samples)} |")


if __name__ == "__main__":
    main()
