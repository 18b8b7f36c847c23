import SignalboxCore

/// The grain of both stores' totals of never-billed time (`unbilled_hours`): per currency and hour of the latest
/// approval. Unbilled time as of T (§4) reads whole hours from the totals, and entry by entry only the hours that hold
/// an edge of an age bucket (``AgeBucket/edges(asOf:)``), whose entries can fall in two buckets.
public enum UnbilledHours {
    /// One hour in microseconds.
    public static let microseconds: Int64 = 3_600_000_000

    /// The hour of an instant: floor(µs / 1 h).
    public static func hour(of instant: Int64) -> Int64 { instant.floorDivided(by: microseconds).quotient }

    /// The hours read entry by entry as of `asOf`, ascending, each once.
    public static func cutHours(asOf: Timestamp) -> [Int64] {
        Set(AgeBucket.edges(asOf: asOf).map { hour(of: $0.microseconds) }).sorted()
    }
}
