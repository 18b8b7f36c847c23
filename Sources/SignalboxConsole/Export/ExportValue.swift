import SignalboxCore

/// One cell of an exported table, typed so that money stays an exact decimal and numbers stay numbers.
public enum ExportValue: Equatable, Sendable {
    /// Free text (sanitised of control characters when written).
    case text(String)
    /// An exact decimal: money, hours, scores; written with all its digits, never through `Double`.
    case decimal(ExactDecimal)
    case integer(Int64)
    /// An exact eight-decimal amount (§10's rate differences times hours), written with every significant digit.
    case product(ExactProduct)
    /// No value: an empty CSV field, JSON `null`.
    case none

    /// `.text(value)`, or `.none` when `value` is nil.
    public static func text(_ value: String?) -> ExportValue { value.map { .text($0) } ?? .none }
    /// `.decimal(value)`, or `.none` when `value` is nil.
    public static func decimal(_ value: ExactDecimal?) -> ExportValue { value.map { .decimal($0) } ?? .none }
    /// An instant as RFC 3339 text, or `.none`.
    public static func time(_ value: Timestamp?) -> ExportValue { value.map { .text($0.rfc3339) } ?? .none }
    /// A duration as whole seconds (microseconds dropped), or `.none`.
    public static func seconds(_ value: SignalDuration?) -> ExportValue { value.map { .integer($0.microseconds / 1_000_000) } ?? .none }

    /// The text written for a value: decimals as written (`2500.00`), integers in digits, text sanitised.
    var exportText: String {
        switch self {
        case .text(let text): ExportText.sanitize(text)
        case .decimal(let value): value.formatted(minimumFractionDigits: 2)
        case .integer(let value): String(value)
        case .product(let value): value.description
        case .none: ""
        }
    }
}

/// How text is cleaned for export: every character ``PrintableText`` calls unsafe (controls, ESC, bidirectional
/// and invisible format characters) is replaced by a space, so a file opened in a terminal or a spreadsheet shows
/// what the console showed and cannot move the cursor or reorder text.
enum ExportText {
    static func sanitize(_ text: String) -> String {
        guard !PrintableText.isPrintable(text) else { return text }
        var result = ""
        result.unicodeScalars.append(contentsOf: text.unicodeScalars.map { PrintableText.isUnsafe($0) ? " " : $0 })
        return result
    }
}
