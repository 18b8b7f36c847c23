/// Measuring untrusted strings on a terminal in columns (after ``TerminalSafeText/sanitize(_:)``).
public enum TerminalText {
    /// Columns the text occupies once drawn (after sanitising): wide characters count 2, combining marks 0.
    public static func width(_ text: String) -> Int {
        if TerminalSafeText.isDrawnScalarByScalar(text) {
            return text.unicodeScalars.reduce(0) { $0 + CharacterWidth.columns(of: $1) }
        }
        return TerminalSafeText.sanitize(text).reduce(0) { $0 + CharacterWidth.columns(of: $1) }
    }

    /// The sanitised text cut to at most `maxWidth` columns; when cut, it ends with `ellipsis`
    /// (which counts towards the width; pass `"..."` for ASCII terminals).
    public static func truncated(_ text: String, toWidth maxWidth: Int, ellipsis: String = "…") -> String {
        let clean = TerminalSafeText.sanitize(text)
        guard width(clean) > maxWidth else { return clean }
        let room = maxWidth - width(ellipsis)
        guard room >= 0 else { return "" }
        var result = ""
        var used = 0
        for character in clean {
            let columns = CharacterWidth.columns(of: character)
            if used + columns > room { break }
            result.append(character)
            used += columns
        }
        return result + ellipsis
    }
}
