/// What an ingest did.
public struct IngestSummary: Equatable, Sendable {
    public var accepted: Int
    public var duplicates: Int
    public var rejected: Int
    /// The first ``refusalsKept`` lines the store itself refused (valid events that break the exception rules), with
    /// the rule each broke; counted in ``rejected``. A caller that decoded the lines knows the other rejections.
    public var refusals: [RejectedLine] = []

    /// How many refused lines a summary lists (the count has them all).
    public static let refusalsKept = 1_000

    public init(accepted: Int = 0, duplicates: Int = 0, rejected: Int = 0) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.rejected = rejected
    }

    public static func + (lhs: IngestSummary, rhs: IngestSummary) -> IngestSummary {
        var sum = IngestSummary(accepted: lhs.accepted + rhs.accepted, duplicates: lhs.duplicates + rhs.duplicates,
                                rejected: lhs.rejected + rhs.rejected)
        sum.refusals = Array((lhs.refusals + rhs.refusals).prefix(refusalsKept))
        return sum
    }

    /// Records a line the store refused.
    public mutating func refuse(_ line: RejectedLine) {
        rejected += 1
        if refusals.count < Self.refusalsKept { refusals.append(line) }
    }

    /// Equal counts: the listed refusals are detail, not part of what the ingest did.
    public static func == (lhs: IngestSummary, rhs: IngestSummary) -> Bool {
        lhs.accepted == rhs.accepted && lhs.duplicates == rhs.duplicates && lhs.rejected == rhs.rejected
    }

    /// `accepted N, duplicates N, rejected N`
    public var description: String { "accepted \(accepted), duplicates \(duplicates), rejected \(rejected)" }
}
