#!/usr/bin/env python3
"""Bytes a full-screen program writes to its terminal while nobody types (issue 18): what an SSH link carries.

Usage: idle-output.py [--seconds S] [--warmup W] [--size 80x24] -- COMMAND [ARGUMENTS...]

Starts COMMAND in a pseudo-terminal of the given size (TERM=xterm-256color), lets it draw for W seconds (default 5:
its first screen, and the first figures read from the store), then counts every byte it writes over the next S
seconds (default 60) without a key being pressed. Bytes closer than 15 ms apart are one frame. Prints the bytes per
second, the frames, the median and largest frame in bytes, and the most bytes one frame spent on one tile (a box on
the screen as it stood when the count began, or a line outside the boxes: screen_model.py follows the cursor), then
stops COMMAND (q, then SIGTERM).
"""
import argparse, collections, os, select, signal, statistics, time
import pty_program
from screen_model import Screen, tile_at, tiles



def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--size", default="80x24")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("no command given")
    cols, rows = (int(n) for n in options.size.split("x"))

    pid, fd = pty_program.start(command, cols, rows)

    start = time.monotonic()
    measure_from = start + options.warmup
    measure_until = measure_from + options.seconds
    counted = 0
    frames = []          # bytes of each frame that ended inside the measured span
    frame = 0
    last = None
    screen = Screen(cols, rows)
    regions = None       # the tiles, found on the screen when the count begins
    largest_tile = (0, "")
    frame_tiles = collections.Counter()

    def end_frame():
        nonlocal largest_tile
        frames.append(frame)
        largest_tile = max([largest_tile] + [(count, name) for name, count in frame_tiles.items()])

    while True:
        now = time.monotonic()
        if now >= measure_until:
            break
        ready, _, _ = select.select([fd], [], [], pty_program.FRAME_GAP)
        if not ready:
            if frame and last is not None and last >= measure_from:
                end_frame()
            frame = 0
            frame_tiles.clear()
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break   # the program exited
        last = time.monotonic()
        landed = screen.feed(chunk)
        if last >= measure_from:
            regions = regions or tiles(screen)
            counted += len(chunk)
            frame += len(chunk)
            for row, col, count in landed:
                frame_tiles[tile_at(regions, row, col)] += count
    if frame:
        end_frame()

    os.write(fd, b"q")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        select.select([fd], [], [], 0.05)
        try:
            os.read(fd, 65536)
        except OSError:
            pass
    else:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    os.close(fd)

    median = statistics.median(frames) if frames else 0
    largest = max(frames) if frames else 0
    print(f"idle output over {options.seconds:.0f} s at {cols}x{rows}: {counted / options.seconds:.1f} bytes/s, "
          f"{len(frames)} frames, median frame {median:.0f} bytes, largest frame {largest} bytes, "
          f"largest change to one tile {largest_tile[0]} bytes ({largest_tile[1] or 'none'})")


if __name__ == "__main__":
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    main()
