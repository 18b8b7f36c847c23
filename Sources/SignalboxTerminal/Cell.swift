/// One screen cell: a grapheme (base character plus combining marks) and its style.
///
/// A wide character (CJK, most emoji) occupies two cells: its own, and the next one as a
/// *continuation* cell with an empty `symbol`, which backends skip.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn in this cell; `" "` when blank, `""` for the right half of a wide character.
    public var symbol: String
    /// Colours and attributes.
    public var style: Style

    /// Creates a cell. Use `Buffer.put` to write text; this initialiser does not sanitise.
    public init(symbol: String, style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    /// A space in the given style.
    public static func blank(_ style: Style = .plain) -> Cell { Cell(symbol: " ", style: style) }

    /// `true` for the right half of a wide character.
    public var isContinuation: Bool { symbol.isEmpty }

    /// The drawable form of a grapheme: its first scalar plus at most `maxMarks` following combining marks
    /// (curses holds 5 scalars per cell); zero-width joiners and what they join are dropped.
    static func symbol(for character: Character, maxMarks: Int = 4) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in character.unicodeScalars {
            if scalars.isEmpty {
                scalars.append(scalar)
            } else if isMark(scalar), scalars.count <= maxMarks {
                scalars.append(scalar)
            } else if !isMark(scalar) {
                break
            }
        }
        return String(scalars)
    }

    /// Nonspacing or enclosing mark (includes variation selectors).
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: true
        default: false
        }
    }
}
