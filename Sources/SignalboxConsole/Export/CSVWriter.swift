/// Comma-separated values as RFC 4180 defines them: fields separated by commas, each record ended by CRLF, a field
/// quoted when it holds a comma, a double quote, CR or LF (or starts or ends with a space, so no reader trims it),
/// and a double quote inside a quoted field written twice.
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

    /// One field, quoted when it must be.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
