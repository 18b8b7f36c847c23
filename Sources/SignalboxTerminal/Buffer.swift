/// A grid of cells that views draw into; the backend writes buffers to the screen (only what changed).
///
/// Everything is clipped to the buffer, so drawing code never needs bounds checks.
///
/// ```swift
/// var buffer = Buffer(size: Size(width: 20, height: 3))
/// buffer.drawBorder(buffer.area, lineSet: .unicode)
/// let used = buffer.put("Queue: ", x: 1, y: 1)
/// buffer.put("12", x: 1 + used, y: 1, style: Style(bold: true))
/// buffer.lines()  // ["┌──────────────────┐", "│Queue: 12         │", "└──────────────────┘"]
/// ```
public struct Buffer: Hashable, Sendable {
    /// The number of columns and rows.
    public let size: Size
    /// Cells row by row (`y * width + x`).
    public private(set) var cells: [Cell]

    /// A buffer of blank cells in `style`.
    public init(size: Size, style: Style = .plain) {
        self.size = size
        self.cells = Array(repeating: .blank(style), count: size.width * size.height)
    }

    /// The whole buffer as a rectangle at the origin.
    public var area: Rect { Rect(size: size) }

    /// The cell at column `x`, row `y`, or `nil` outside the buffer.
    public func cell(x: Int, y: Int) -> Cell? {
        area.contains(x: x, y: y) ? cells[y * size.width + x] : nil
    }

    /// Writes sanitised `text` from column `x` on row `y`, clipped to the buffer and to `maxWidth` columns.
    ///
    /// Wide characters take two columns and are not drawn if only one column is left; combining marks join
    /// the preceding character. Text left of column 0 is skipped (a wide character cut by the edge leaves a
    /// space). Returns the columns advanced from `x` (what the next `put` on the same row should add to `x`).
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < size.height else { return 0 }
        let limit = maxWidth.map { min(size.width, x + max(0, $0)) } ?? size.width
        if TerminalSafeText.isDrawnScalarByScalar(text) { return putScalarByScalar(text, x: x, y: y, style: style, limit: limit) }
        var column = x
        var lastDrawn: Int?
        for character in TerminalSafeText.sanitize(text) {
            let width = CharacterWidth.columns(of: character)
            if width == 0 {
                if let drawn = lastDrawn { appendMarks(of: character, toCellAt: drawn, y: y) }
                continue
            }
            if column + width > limit { break }
            if column >= 0 {
                setCell(x: column, y: y, symbol: Cell.symbol(for: character), width: width, style: style)
                lastDrawn = column
            } else if column + width > 0 {
                setCell(x: 0, y: y, symbol: " ", width: 1, style: style)
            }
            column += width
        }
        return column - x
    }

    /// ``put(_:x:y:style:maxWidth:)`` for text whose every scalar is a grapheme of its own: no sanitising, no
    /// grapheme breaking.
    private mutating func putScalarByScalar(_ text: String, x: Int, y: Int, style: Style, limit: Int) -> Int {
        var column = x
        for scalar in text.unicodeScalars {
            let width = CharacterWidth.columns(of: scalar)
            if column + width > limit { break }
            if column >= 0 {
                setCell(x: column, y: y, symbol: String(scalar), width: width, style: style)
            } else if column + width > 0 {
                setCell(x: 0, y: y, symbol: " ", width: 1, style: style)
            }
            column += width
        }
        return column - x
    }

    /// Blanks every cell of `rect` (clipped) to a space in `style`, e.g. a panel background.
    public mutating func fill(_ rect: Rect, style: Style) {
        let clipped = rect.intersection(area)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX {
                setCell(x: x, y: y, symbol: " ", width: 1, style: style)
            }
        }
    }

    /// Replaces the style of every cell in `rect` (clipped) and keeps the text, e.g. to highlight a selected row.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let clipped = rect.intersection(area)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX {
                cells[y * size.width + x].style = style
            }
        }
    }

    /// Plain text of each row, continuation cells skipped and trailing spaces trimmed (for snapshot tests).
    public func lines() -> [String] {
        (0..<size.height).map { y in
            let row = cells[(y * size.width)..<((y + 1) * size.width)].map(\.symbol).joined()
            return String(row.reversed().drop(while: { $0 == " " }).reversed())
        }
    }

    /// Stores a `width`-column symbol at (`x`, `y`), first blanking halves of wide characters it would split.
    private mutating func setCell(x: Int, y: Int, symbol: String, width: Int, style: Style) {
        let row = y * size.width
        for column in x..<(x + width) {
            if cells[row + column].isContinuation, column - 1 >= 0, column - 1 < x {
                cells[row + column - 1] = .blank(cells[row + column - 1].style)
            }
            if column + 1 < size.width, column + 1 >= x + width, cells[row + column + 1].isContinuation {
                cells[row + column + 1] = .blank(cells[row + column + 1].style)
            }
        }
        cells[row + x] = Cell(symbol: symbol, style: style)
        if width == 2 { cells[row + x + 1] = Cell(symbol: "", style: style) }
    }

    /// Adds the combining marks of a zero-width character to the cell at (`x`, `y`), within the curses limit.
    private mutating func appendMarks(of character: Character, toCellAt x: Int, y: Int) {
        let index = y * size.width + x
        let marks = character.unicodeScalars.filter(Cell.isMark)
        let room = 5 - cells[index].symbol.unicodeScalars.count
        guard room > 0, !marks.isEmpty else { return }
        cells[index].symbol.unicodeScalars.append(contentsOf: marks.prefix(room))
    }
}
