extension TerminalText {
    /// A one-column ASCII stand-in for a symbol, for terminals without a UTF-8 locale: `·` → `.`, `│` → `|`,
    /// `…` → `~`, `→` → `>`, block elements → `_.-=#`; ASCII passes through and anything else becomes `?`.
    public static func asciiStandIn(for symbol: String) -> String {
        if symbol.unicodeScalars.allSatisfy(\.isASCII) { return symbol }
        switch symbol {
        case "·", "•": return "."
        case "│", "┃", "║": return "|"
        case "─", "━", "═", "–", "—": return "-"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼": return "+"
        case "…": return "~"
        case "→", "▶", "▸", "›": return ">"
        case "←", "◀", "◂", "‹": return "<"
        case "×": return "x"
        case "▁", "▂": return "_"
        case "▃", "▄": return "."
        case "▅", "▆": return "-"
        case "▇": return "="
        case "█": return "#"
        default: return "?"
        }
    }
}
