import SignalboxCore

/// One line of an ingest input, decoded or rejected.
public enum IngestLine: Sendable {
    /// A valid event; `json` is its compact serialization, stored as the payload.
    case event(CanonicalEvent, json: String)
    case rejected(RejectedLine)
}

/// A batch written in one transaction.
public struct IngestBatch: Sendable {
    public var lines: [IngestLine]
    public init(lines: [IngestLine]) { self.lines = lines }
}

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
}

/// What an ingest did.
public struct IngestSummary: Equatable, Sendable {
    public var accepted: Int
    public var duplicates: Int
    public var rejected: Int

    public init(accepted: Int = 0, duplicates: Int = 0, rejected: Int = 0) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.rejected = rejected
    }

    public static func + (lhs: IngestSummary, rhs: IngestSummary) -> IngestSummary {
        IngestSummary(accepted: lhs.accepted + rhs.accepted, duplicates: lhs.duplicates + rhs.duplicates,
                      rejected: lhs.rejected + rhs.rejected)
    }

    /// `accepted N, duplicates N, rejected N`
    public var description: String { "accepted \(accepted), duplicates \(duplicates), rejected \(rejected)" }
}
