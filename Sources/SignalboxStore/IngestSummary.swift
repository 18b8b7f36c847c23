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
