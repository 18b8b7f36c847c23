/// Column widths of characters, independent of the process locale (so tests and the curses backend agree).
///
/// Based on Markus Kuhn's `wcwidth` ranges for East Asian Wide/Fullwidth characters, plus emoji with
/// default emoji presentation (as glibc ≥ 2.35 and modern terminals). A grapheme cluster takes the width
/// of its first scalar; combining marks, format characters and zero-width joiners take 0.
enum CharacterWidth {
    /// 0, 1 or 2 columns.
    static func columns(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        return columns(of: first)
    }

    /// 0, 1 or 2 columns for one scalar.
    static func columns(of scalar: Unicode.Scalar) -> Int {
        if (0x20...0x7E).contains(scalar.value) { return 1 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(scalar.value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Combining marks, enclosing marks, format characters (ZWJ, ZWSP, BOM…; not the soft hyphen, which
    /// terminals show) and Hangul medial/final jamo.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value == 0xAD { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return (0x1160...0x11FF).contains(scalar.value)
        }
    }

    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        return value <= 0x115F
            || value == 0x2329 || value == 0x232A
            || (0x2E80...0xA4CF).contains(value) && value != 0x303F
            || (0xAC00...0xD7A3).contains(value)
            || (0xF900...0xFAFF).contains(value)
            || (0xFE10...0xFE19).contains(value)
            || (0xFE30...0xFE6F).contains(value)
            || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value)
            || (0x20000...0x2FFFD).contains(value)
            || (0x30000...0x3FFFD).contains(value)
    }
}
