/// A terminal colour, from the terminal's own default up to 24-bit RGB.
///
/// Colours are written at the richest tier a theme wants and degraded to what the terminal
/// supports with `degraded(to:)` (the curses backend does this automatically).
public enum Color: Hashable, Sendable {
    /// The terminal's default foreground or background.
    case `default`
    /// One of the 16 ANSI colours: 0–7 normal (black, red, green, yellow, blue, magenta, cyan, white),
    /// 8–15 their bright variants. Values outside 0...15 are treated as `.indexed`.
    case ansi(UInt8)
    /// An entry of the xterm 256-colour palette (0–15 ANSI, 16–231 the 6×6×6 cube, 232–255 greys).
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// ANSI black (0).
    public static let black = Color.ansi(0)
    /// ANSI red (1).
    public static let red = Color.ansi(1)
    /// ANSI green (2).
    public static let green = Color.ansi(2)
    /// ANSI yellow (3).
    public static let yellow = Color.ansi(3)
    /// ANSI blue (4).
    public static let blue = Color.ansi(4)
    /// ANSI magenta (5).
    public static let magenta = Color.ansi(5)
    /// ANSI cyan (6).
    public static let cyan = Color.ansi(6)
    /// ANSI white (7).
    public static let white = Color.ansi(7)
}

/// Foreground, background and attributes of a cell.
///
/// ```swift
/// let alert = Style(foreground: .ansi(15), background: .red, bold: true)
/// ```
public struct Style: Hashable, Sendable {
    /// Text colour.
    public var foreground: Color
    /// Cell background colour.
    public var background: Color
    /// Bold (or bright) text.
    public var bold: Bool
    /// Dim (faint) text.
    public var dim: Bool
    /// Underlined text.
    public var underline: Bool
    /// Foreground and background swapped; the one highlight that works on every terminal.
    public var reverse: Bool

    /// Creates a style; everything defaults to the terminal's plain text.
    public init(
        foreground: Color = .default, background: Color = .default,
        bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    /// Plain text in the terminal's default colours.
    public static let plain = Style()

    /// This style with both colours degraded to `tier` (attributes are kept).
    public func degraded(to tier: ColorTier) -> Style {
        var style = self
        style.foreground = foreground.degraded(to: tier)
        style.background = background.degraded(to: tier)
        return style
    }
}
