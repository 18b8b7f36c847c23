/// A width and height in terminal cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    /// Number of columns.
    public var width: Int
    /// Number of rows.
    public var height: Int

    /// Creates a size; negative values are clamped to zero.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// `true` when this size can hold `other` (e.g. "is the terminal at least 80×24?").
    public func contains(_ other: Size) -> Bool {
        width >= other.width && height >= other.height
    }

    /// `"80×24"`.
    public var description: String { "\(width)×\(height)" }
}

/// A rectangle of terminal cells; `x`/`y` is the top-left corner (0-based, column/row).
///
/// ```swift
/// let screen = Rect(size: Size(width: 80, height: 24))
/// let body = screen.inset(by: 1)                // inside a border
/// let parts = body.splitRows([.fixed(1), .fill, .fixed(1)])  // header, content, footer
/// ```
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Number of columns (never negative).
    public var width: Int
    /// Number of rows (never negative).
    public var height: Int

    /// Creates a rectangle; negative width/height are clamped to zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle at the origin covering `size`.
    public init(size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    /// The size of this rectangle.
    public var size: Size { Size(width: width, height: height) }
    /// One past the rightmost column.
    public var maxX: Int { x + width }
    /// One past the bottom row.
    public var maxY: Int { y + height }
    /// `true` when the rectangle covers no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }
    /// The number of cells covered.
    public var area: Int { width * height }

    /// `true` when the cell at column `column`, row `row` lies inside.
    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// Shrinks every side by `margin` cells (never below zero size).
    public func inset(by margin: Int) -> Rect {
        inset(horizontal: margin, vertical: margin)
    }

    /// Shrinks left and right by `horizontal`, top and bottom by `vertical` cells.
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        let left = min(horizontal, width / 2)
        let top = min(vertical, height / 2)
        return Rect(x: x + left, y: y + top, width: width - 2 * horizontal, height: height - 2 * vertical)
    }

    /// The cells shared by both rectangles; an empty rectangle when they do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: left, y: top, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// `"(x,y) w×h"`.
    public var description: String { "(\(x),\(y)) \(width)×\(height)" }
}
