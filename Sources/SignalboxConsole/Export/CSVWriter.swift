/// Comma-separated values as RFC 4180 defines them: fields separated by commas, each record ended by CRLF, a field
/// quoted when it holds a comma, a double quote, CR or LF (or starts or ends with a space, so no reader trims it),
/// and a double quote inside a quoted field written twice.
///
/// Text from the store is untrusted and these files are opened in spreadsheets: a field that starts with `=`, `+`,
/// `-`, `@`, a tab or CR and is not a plain decimal number (`-12.50` stays as it is) gets a leading `'`, so a
/// spreadsheet shows it as text instead of running it as a formula (OWASP's CSV injection advice).
///
/// ```swift
/// CSVWriter.document([["id", "note"], ["X1", #"said "hi", left"#]])
/// // "id,note\r\nX1,\"said \"\"hi\"\", left\"\r\n"
/// ```
public enum CSVWriter {
    /// Every record followed by CRLF.
    public static func document(_ records: [[String]]) -> String {
        records.map(record).map { $0 + "\r\n" }.joined()
    }

    /// One record without its line ending.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// One field, defused when a spreadsheet would read it as a formula, and quoted when it must be.
    public static func field(_ untrusted: String) -> String {
        let text = startsLikeAFormula(untrusted) ? "'" + untrusted : untrusted
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func startsLikeAFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
        return !isPlainDecimal(text)
    }

    /// `-12`, `+3.50`: a sign, digits, and at most one point followed by digits.
    private static func isPlainDecimal(_ text: String) -> Bool {
        let unsigned = text.drop { $0 == "-" || $0 == "+" }
        guard text.count - unsigned.count == 1 else { return false }
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }
    }
}
