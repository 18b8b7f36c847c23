import SignalboxTerminal

/// The colour and attribute vocabulary of theme files.
enum ThemeValues {
    /// The 16 ANSI colour names, indexed by their ANSI number.
    static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Attribute names, as written in `attributes: [...]`.
    static let attributeNames = ["bold", "dim", "underline", "reverse"]

    /// Parses `default`, an ANSI name (`grey`/`gray` = `bright-black`), `#rrggbb`, or an index 0–255;
    /// `nil` when `text` is none of these.
    static func color(_ text: String) -> Color? {
        let name = text.lowercased()
        if name == "default" { return .default }
        if name == "grey" || name == "gray" { return .ansi(8) }
        if let index = ansiNames.firstIndex(of: name) { return .ansi(UInt8(index)) }
        if let index = UInt8(text) { return .indexed(index) }
        return hexColor(name)
    }

    private static func hexColor(_ text: String) -> Color? {
        guard text.hasPrefix("#") else { return nil }
        let digits = text.dropFirst()
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16) else { return nil }
        return .rgb(UInt8(value >> 16), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }

    /// Sets the attribute called `name` on `style`; `false` for an unknown name.
    static func apply(attribute name: String, to style: inout Style) -> Bool {
        switch name.lowercased() {
        case "bold": style.bold = true
        case "dim": style.dim = true
        case "underline": style.underline = true
        case "reverse": style.reverse = true
        default: return false
        }
        return true
    }
}
