/// Makes untrusted text safe to print on a terminal line by escaping control characters.
public enum TerminalSafeText {
    /// Control characters (C0, DEL, C1) become visible escapes such as `\u{1B}`; everything else is kept.
    public static func escape<S: StringProtocol>(_ text: S) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
