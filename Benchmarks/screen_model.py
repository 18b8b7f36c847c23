"""Just enough of an xterm to follow what ncurses writes: where each byte lands, and the characters on the screen.

Used by idle-output.py to split a frame's bytes by the tile (box) they change. It knows the sequences ncurses sends
for TERM=xterm-256color: cursor address and moves, erases, repeat, and ignores attributes and modes.
"""
import re

TOKEN = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"          # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1b[()*+][ -~]"                 # character set designation
    rb"|\x1b[ -',-Z\\^-~]"                # other escapes (keypad mode, save/restore cursor)
    rb"|[\x00-\x1a\x1c-\x1f\x7f]"         # control characters but ESC
    rb"|[\xc0-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf7][\x80-\xbf]{3}"  # one UTF-8 character
    rb"|[ -~]"
)
# What a write can end in the middle of: an escape sequence, or a UTF-8 character (kept for the next write).
INCOMPLETE_TAIL = re.compile(rb"(?:\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*\x1b?|[()*+])?|[\xc0-\xf7][\x80-\xbf]{0,2})\Z")


class Screen:
    """A grid of characters and a cursor, fed the bytes a program writes."""

    def __init__(self, cols, rows):
        self.cols, self.rows = cols, rows
        self.row = self.col = 0
        self.cells = [[" "] * cols for _ in range(rows)]
        self.carry = b""
        self.last_printed = " "

    def feed(self, data):
        """Applies data; returns [(row, col, bytes)]: how many bytes went to the cell the cursor was at or moved to."""
        data = self.carry + data
        tail = INCOMPLETE_TAIL.search(data)
        self.carry = b""
        if tail and not TOKEN.fullmatch(data, tail.start()):
            self.carry, data = data[tail.start():], data[:tail.start()]
        landed = []
        for match in TOKEN.finditer(data):
            token = match.group(0)
            self.apply(token)
            landed.append((self.row, min(self.col, self.cols - 1), len(token)))
        return landed

    def apply(self, token):
        if token.startswith(b"\x1b["):
            self.control_sequence(token[2:-1], token[-1:])
        elif token == b"\r":
            self.col = 0
        elif token == b"\n":
            self.row = min(self.row + 1, self.rows - 1)
        elif token == b"\b":
            self.col = max(min(self.col, self.cols - 1) - 1, 0)
        elif token[0] >= 0x20 and token[0] != 0x7f:
            self.print(token.decode("utf-8", "replace"))

    def print(self, character):
        if self.col >= self.cols:   # xterm wraps before the character that would pass the last column
            self.col, self.row = 0, min(self.row + 1, self.rows - 1)
        self.cells[self.row][self.col] = character
        self.last_printed = character
        self.col += 1

    def control_sequence(self, parameters, final):
        if parameters.startswith(b"?"):
            return
        numbers = [int(p) if p else 0 for p in parameters.split(b";")] if parameters else []
        first = numbers[0] if numbers else 0
        count = max(first, 1)
        if final in (b"H", b"f"):
            self.row = min(max(first, 1), self.rows) - 1
            self.col = min(max(numbers[1] if len(numbers) > 1 else 1, 1), self.cols) - 1
        elif final == b"G":
            self.col = min(count, self.cols) - 1
        elif final == b"d":
            self.row = min(count, self.rows) - 1
        elif final == b"C":
            self.col = min(self.col + count, self.cols - 1)
        elif final == b"D":
            self.col = max(min(self.col, self.cols - 1) - count, 0)
        elif final == b"A":
            self.row = max(self.row - count, 0)
        elif final == b"B":
            self.row = min(self.row + count, self.rows - 1)
        elif final == b"b":
            for _ in range(count):
                self.print(self.last_printed)
        elif final == b"X":
            self.blank(self.row, self.col, self.col + count)
        elif final == b"K":
            start, end = {0: (self.col, self.cols), 1: (0, self.col + 1), 2: (0, self.cols)}.get(first, (0, 0))
            self.blank(self.row, start, end)
        elif final == b"J":
            rows = {0: range(self.row + 1, self.rows), 1: range(0, self.row), 2: range(self.rows)}.get(first, [])
            if first == 0:
                self.blank(self.row, self.col, self.cols)
            for row in rows:
                self.blank(row, 0, self.cols)

    def blank(self, row, start, end):
        for col in range(max(start, 0), min(end, self.cols)):
            self.cells[row][col] = " "

    def text(self):
        return "\n".join("".join(row).rstrip() for row in self.cells)


def tiles(screen):
    """The boxes on the screen (┌ … ┐ over └ … ┘), named by their titles, then every row outside them.

    Returns [(name, top, left, bottom, right)], bounds inclusive."""
    cells, found = screen.cells, []
    for top in range(screen.rows):
        for left in range(screen.cols):
            if cells[top][left] != "┌":
                continue
            right = next((c for c in range(left + 1, screen.cols) if cells[top][c] == "┐"), None)
            bottom = next((r for r in range(top + 1, screen.rows) if cells[r][left] == "└"), None)
            if right is None or bottom is None:
                continue
            border = "".join(cells[top][left + 1:right]).replace("─", " ")
            title = re.split(r"\s{2,}", border.strip())[0].strip("[] ") or f"box at {top + 1};{left + 1}"
            found.append((title, top, left, bottom, right))
    for row in range(screen.rows):
        if not any(top <= row <= bottom for _, top, _, bottom, _ in found):
            found.append((f"line {row + 1}", row, 0, row, screen.cols - 1))
    return found


def tile_at(regions, row, col):
    return next((name for name, top, left, bottom, right in regions
                 if top <= row <= bottom and left <= col <= right), f"line {row + 1}")
