/// A line that could not be stored as an event, kept with where it came from and why.
public struct RejectedLine: Equatable, Sendable {
    /// The input's name (a file path, or `-` for standard input).
    public var sourceName: String
    /// 1-based line number in that input.
    public var lineNumber: Int
    /// The line as received (invalid UTF-8 replaced by U+FFFD).
    public var rawText: String
    public var reason: String

    public init(sourceName: String, lineNumber: Int, rawText: String, reason: String) {
        self.sourceName = sourceName
        self.lineNumber = lineNumber
        self.rawText = rawText
        self.reason = reason
    }

    /// An event line the store refused (it breaks the exception rules), kept where it came from.
    public init(refused json: String, from origin: LineOrigin, reason: String) {
        self.init(sourceName: origin.sourceName, lineNumber: origin.lineNumber, rawText: json, reason: reason)
    }
}
