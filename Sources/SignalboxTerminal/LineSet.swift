/// The characters used to draw borders and rules: Unicode box drawing, or ASCII for terminals and
/// locales that cannot show it (see `TerminalCapabilities.lineSet`).
public struct LineSet: Hashable, Sendable {
    /// Horizontal line.
    public var horizontal: String
    /// Vertical line.
    public var vertical: String
    /// Top-left corner.
    public var topLeft: String
    /// Top-right corner.
    public var topRight: String
    /// Bottom-left corner.
    public var bottomLeft: String
    /// Bottom-right corner.
    public var bottomRight: String
    /// Vertical line with a branch to the right (left end of a rule inside a box).
    public var teeRight: String
    /// Vertical line with a branch to the left (right end of a rule inside a box).
    public var teeLeft: String

    /// Creates a custom set; each string should be one single-column character.
    public init(
        horizontal: String, vertical: String, topLeft: String, topRight: String,
        bottomLeft: String, bottomRight: String, teeRight: String, teeLeft: String
    ) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.teeRight = teeRight
        self.teeLeft = teeLeft
    }

    /// `┌─┐│└┘├┤`
    public static let unicode = LineSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
        bottomLeft: "└", bottomRight: "┘", teeRight: "├", teeLeft: "┤"
    )

    /// `+-+|++++`, safe on any terminal.
    public static let ascii = LineSet(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
        bottomLeft: "+", bottomRight: "+", teeRight: "+", teeLeft: "+"
    )
}

extension Buffer {
    /// Draws a border along the edges of `rect` (clipped), with an optional title written over the top
    /// edge from the second column. Rectangles smaller than 2×2 are left untouched.
    public mutating func drawBorder(_ rect: Rect, lineSet: LineSet, style: Style = .plain, title: String? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        drawHorizontalLine(x: rect.x + 1, y: rect.y, width: rect.width - 2, lineSet: lineSet, style: style)
        drawHorizontalLine(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, lineSet: lineSet, style: style)
        drawVerticalLine(x: rect.x, y: rect.y + 1, height: rect.height - 2, lineSet: lineSet, style: style)
        drawVerticalLine(x: rect.maxX - 1, y: rect.y + 1, height: rect.height - 2, lineSet: lineSet, style: style)
        put(lineSet.topLeft, x: rect.x, y: rect.y, style: style, maxWidth: 1)
        put(lineSet.topRight, x: rect.maxX - 1, y: rect.y, style: style, maxWidth: 1)
        put(lineSet.bottomLeft, x: rect.x, y: rect.maxY - 1, style: style, maxWidth: 1)
        put(lineSet.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, style: style, maxWidth: 1)
        if let title {
            put(title, x: rect.x + 1, y: rect.y, style: style, maxWidth: rect.width - 2)
        }
    }

    /// Draws a horizontal rule of `width` cells starting at (`x`, `y`), clipped.
    public mutating func drawHorizontalLine(x: Int, y: Int, width: Int, lineSet: LineSet, style: Style = .plain) {
        for column in x..<(x + max(0, width)) {
            put(lineSet.horizontal, x: column, y: y, style: style, maxWidth: 1)
        }
    }

    /// Draws a vertical rule of `height` cells starting at (`x`, `y`), clipped.
    public mutating func drawVerticalLine(x: Int, y: Int, height: Int, lineSet: LineSet, style: Style = .plain) {
        for row in y..<(y + max(0, height)) {
            put(lineSet.vertical, x: x, y: row, style: style, maxWidth: 1)
        }
    }
}
