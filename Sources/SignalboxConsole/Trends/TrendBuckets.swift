import SignalboxCore
import SignalboxStore

/// The sampled points of every trend, kept between samplings so that closed buckets are read once.
///
/// Each point is one bucket: the signals as of its instant over one step. Every instant but the last of a plan is
/// a step boundary, so a later sampling meets the same instants again and takes their values from here unless
/// the store says something that occurred by then was written since (``SignalChanges``).
public struct TrendBuckets: Equatable, Sendable {
    /// Where the store's log stood when these were read (``SignalChanges/position``); `nil` reuses nothing.
    public var position: Int64?
    /// The trend value of each signal per bucket, by the bucket's end and length.
    var values: [Key: [SignalKind: Int64?]]
    /// The series built from the buckets of the last sampling.
    public var trends: [SignalKind: TrendSeries]
    /// Closed buckets the last sampling left for the next (``TrendSampler/closedBucketsPerSampling``).
    public var unread = 0

    /// One bucket: the signals as of `end` over `length`.
    struct Key: Hashable, Sendable {
        var end: Timestamp
        var length: SignalDuration
    }

    /// No buckets: the first sampling reads every one.
    public static let empty = TrendBuckets(position: nil, values: [:], trends: [:])

    /// How many buckets are held (two plans' worth at most: the ones of the last sampling).
    public var count: Int { values.count }
}
