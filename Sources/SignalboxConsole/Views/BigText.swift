import SignalboxTerminal

/// Large numerals, three rows tall, for the wall display.
enum BigText {
    static let height = 3

    /// Glyphs as 3×3 (or narrower) patterns; `#` is a filled cell.
    private static let glyphs: [Character: [String]] = [
        "0": ["###", "# #", "###"], "1": [" # ", " # ", " # "], "2": ["###", " ##", "## "], "3": ["###", " ##", "###"],
        "4": ["# #", "###", "  #"], "5": ["###", "## ", " ##"], "6": ["#  ", "###", "###"], "7": ["###", "  #", "  #"],
        "8": ["###", "###", "###"], "9": ["###", "###", "  #"], ".": [" ", " ", "#"], ",": [" ", " ", "#"],
        "%": ["# #", " # ", "# #"], ":": [" ", "#", "#"], "-": ["   ", "###", "   "], " ": ["  ", "  ", "  "],
        "d": ["  #", "###", "###"], "h": ["#  ", "###", "# #"], "m": ["   ", "###", "# #"], "s": [" ##", " # ", "## "],
        "—": ["   ", "###", "   "],
    ]

    /// The three rows of `text` (glyphs separated by one space), `fill` for set cells.
    static func rows(_ text: String, fill: String) -> [String] {
        var rows = ["", "", ""]
        for character in text {
            let glyph = glyphs[character] ?? [" ", String(character), " "]
            for index in 0..<3 {
                rows[index] += glyph[index].replacingOccurrences(of: "#", with: fill) + " "
            }
        }
        return rows
    }

    /// Columns `text` takes.
    static func width(_ text: String) -> Int {
        text.reduce(0) { $0 + (glyphs[$1]?[0].count ?? 1) + 1 }
    }
}

private extension String {
    func replacingOccurrences(of target: Character, with replacement: String) -> String {
        reduce(into: "") { $0 += $1 == target ? replacement : String($1) }
    }
}
