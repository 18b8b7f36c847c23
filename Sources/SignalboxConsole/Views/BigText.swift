import SignalboxTerminal

/// Large numerals, three rows tall at scale 1 (each cell of a glyph `scale` columns wide and rows tall), for the wall.
enum BigText {
    static let height = 3

    /// The largest scale (at least 1) at which `text` fits in `width` columns and `height` rows; nil when not even 1 does.
    static func scale(for text: String, width: Int, height: Int) -> Int? {
        let fitting = (1...16).filter { self.width(text, scale: $0) <= width && self.height * $0 <= height }
        return fitting.last
    }

    /// Glyphs as 3×3 (or narrower) patterns; `#` is a filled cell. Three rows leave no room for a comma's tail, so a
    /// thousands separator is a gap (as ISO 80000 groups digits), never a dot that would read as the decimal point.
    private static let glyphs: [Character: [String]] = [
        "0": ["###", "# #", "###"], "1": [" # ", " # ", " # "], "2": ["###", " ##", "## "], "3": ["###", " ##", "###"],
        "4": ["# #", "###", "  #"], "5": ["###", "## ", " ##"], "6": ["#  ", "###", "###"], "7": ["###", "  #", "  #"],
        "8": ["###", "###", "###"], "9": ["###", "###", "  #"], ".": [" ", " ", "#"], ",": [" ", " ", " "],
        "%": ["# #", " # ", "# #"], ":": [" ", "#", "#"], "-": ["   ", "###", "   "], " ": ["  ", "  ", "  "],
        "d": ["  #", "###", "###"], "h": ["#  ", "###", "# #"], "m": ["   ", "###", "# #"], "s": [" ##", " # ", "## "],
        "—": ["   ", "###", "   "],
    ]

    /// The `3 × scale` rows of `text` (glyphs separated by `scale` spaces), `fill` for set cells.
    static func rows(_ text: String, fill: String, scale: Int = 1) -> [String] {
        var rows = ["", "", ""]
        for character in text {
            let glyph = glyphs[character] ?? [" ", String(character), " "]
            for index in 0..<3 {
                let cells = glyph[index].map { $0 == "#" ? String(repeating: fill, count: scale) : String(repeating: String($0), count: scale) }
                rows[index] += cells.joined() + String(repeating: " ", count: scale)
            }
        }
        return rows.flatMap { Array(repeating: $0, count: scale) }
    }

    /// Columns `text` takes at `scale`.
    static func width(_ text: String, scale: Int = 1) -> Int {
        text.reduce(0) { $0 + ((glyphs[$1]?[0].count ?? 1) + 1) * scale }
    }
}
