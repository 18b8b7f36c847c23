/// The characters that must never reach a terminal raw, for the rules that refuse them (identifiers and actor
/// names must be printable) and for JSON output that carries them escaped. Text on its way to a terminal goes
/// through `TerminalSafeText.sanitize` (SignalboxTerminal), which removes the same characters.
///
/// Unsafe are: C0 controls (ESC among them, so no escape sequence survives), DEL, C1 controls (U+0080–U+009F,
/// CSI U+009B among them), bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069),
/// zero-width and other invisible format characters (general category Cf: U+200B–U+200D, U+2060–U+2064,
/// U+FEFF, soft hyphen, …) and the line/paragraph separators U+2028, U+2029.
///
/// ```swift
/// PrintableText.isPrintable("\u{202E}ecila")         // false
/// PrintableText.json(#"{"by":"\#u{202E}ecila"}"#)    // #"{"by":"\u202eecila"}"#
/// ```
public enum PrintableText {
    /// True for a scalar that must never be written raw to a terminal (see the type's documentation).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
        case 0x20...0x7E: return false
        default: return scalar.properties.generalCategory == .format
        }
    }

    /// True when `text` has no unsafe scalar (``isUnsafe(_:)``).
    public static func isPrintable<S: StringProtocol>(_ text: S) -> Bool {
        !text.unicodeScalars.contains(where: isUnsafe)
    }

    /// Escapes every unsafe scalar of a serialised JSON document as `\uXXXX`, which JSON reads back as the same
    /// character, so `--json` output carries untrusted text exactly without any raw control reaching a terminal.
    /// Tab, line feed and carriage return are kept: a serialiser escapes them inside strings already, and outside
    /// strings they are the document's own whitespace. Characters outside the Basic Multilingual Plane that are
    /// unsafe (tag characters) are written as their surrogate pair.
    public static func json<S: StringProtocol>(_ document: S) -> String {
        guard !isPrintable(document) else { return String(document) }
        var result = ""
        for scalar in document.unicodeScalars {
            if isUnsafe(scalar), scalar != "\t", scalar != "\n", scalar != "\r" {
                for unit in String(scalar).utf16 {
                    let digits = String(unit, radix: 16)
                    result += "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
                }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The first unsafe scalar of `text` and its offset in scalars, for error messages; nil when there is none.
    public static func firstUnsafe<S: StringProtocol>(in text: S) -> (scalar: Unicode.Scalar, offset: Int)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() where isUnsafe(scalar) { return (scalar, offset) }
        return nil
    }

    /// `U+001B`: how error messages name a character that cannot be shown.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
