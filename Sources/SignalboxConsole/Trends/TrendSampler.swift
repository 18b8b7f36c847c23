import SignalboxCore
import SignalboxStore

/// Builds per-signal trends by asking the store for the signals of evenly spaced buckets, reusing closed ones.
///
/// Each ``Plan`` has `points` buckets of one `step` each: the last ends at `asOf` (the step up to now, so it
/// moves), the others end at the step boundaries (UTC) before it, so each point describes its own hour or day
/// rather than a rolling week, and a bucket that has closed stays the same from one sampling to the next. Only
/// the extracted numbers are kept, so memory is bounded by the number of points.
///
/// The default plans are 78 buckets; sampled again with the previous ``TrendBuckets`` and the store's
/// ``SignalChanges``, only the newest bucket of each plan (2 queries) and the buckets a late event touched are read.
/// - ``hourly``: 48 points an hour apart (`48h hourly`) for activation, provisioning and exceptions,
///   which move within hours;
/// - ``daily``: 30 points a day apart (`30d daily`) for amendments and unbilled time, which move over days.
///
/// ```swift
/// var buckets = try await TrendSampler().sample(store, asOf: now, reusing: .empty)
/// buckets = try await TrendSampler().sample(store, asOf: later, reusing: buckets)   // 2 queries when nothing old changed
/// buckets.trends[.exceptions]?.values  // 48 open counts, oldest first
/// ```
public struct TrendSampler: Sendable {
    /// One sampling schedule and the signals it serves.
    public struct Plan: Equatable, Sendable {
        /// Number of instants (≥ 1).
        public var points: Int
        /// Spacing of the instants, and the window of each.
        public var step: SignalDuration
        /// Caption for the series, e.g. `48h hourly`.
        public var label: String
        /// Signals taken from these samples.
        public var kinds: [SignalKind]

        /// Creates a plan; `points` below 1 are raised to 1, a `step` below a microsecond to one.
        public init(points: Int, step: SignalDuration, label: String, kinds: [SignalKind]) {
            self.points = max(1, points)
            self.step = SignalDuration(microseconds: max(1, step.microseconds))
            self.label = label
            self.kinds = kinds
        }

        /// The sampled instants, oldest first: the `points − 1` step boundaries before `asOf` (multiples of the
        /// step since the epoch, strictly before it), then `asOf`.
        public func instants(endingAt asOf: Timestamp) -> [Timestamp] {
            let length = step.microseconds
            let remainder = ((asOf.microseconds % length) + length) % length
            let lastBoundary = asOf.microseconds - (remainder == 0 ? length : remainder)
            let closed = (0..<(points - 1)).map { index in
                Timestamp(microseconds: lastBoundary - length * Int64(points - 2 - index))
            }
            return closed + [asOf]
        }
    }

    /// 48 hourly points for activation, provisioning, exceptions and throughput (events per hour).
    public static let hourly = Plan(points: 48, step: .seconds(3600), label: "48h hourly",
                                    kinds: [.activation, .provisioning, .exceptions, .throughput])
    /// 30 daily points for amendments, unbilled time, and the back-of-the-flow latencies (a day's invoices,
    /// closures and payments are enough for a p90), and the reconciliation controls' findings.
    public static let daily = Plan(points: 30, step: .days(1), label: "30d daily",
                                   kinds: [.amendments, .unbilled, .timeToInvoice, .resolution, .invoiceToCash, .reconciliation])

    /// The schedules sampled; each signal should appear in one plan only.
    public var plans: [Plan]
    /// The most closed buckets one sampling reads per plan, newest first (nil: every one it needs). The buckets left
    /// are read by the samplings after it; meanwhile they show what an earlier sampling read, or nothing.
    public var closedBucketsPerSampling: Int?

    /// A sampler over `plans` (default: ``hourly`` and ``daily``), reading at most `closedBucketsPerSampling` closed
    /// buckets of each plan per sampling.
    public init(plans: [Plan] = [TrendSampler.hourly, TrendSampler.daily], closedBucketsPerSampling: Int? = nil) {
        self.plans = plans
        self.closedBucketsPerSampling = closedBucketsPerSampling.map { max(0, $0) }
    }

    /// Samples every plan from `store`, reading only the buckets `previous` does not hold unchanged.
    public func sample(_ store: some SignalSource, asOf: Timestamp, reusing previous: TrendBuckets) async throws(StoreError) -> TrendBuckets {
        // Read before the buckets: a write that lands while they are read is found again next time.
        let changes = try await store.signalChanges(since: previous.position)
        return try await sample(asOf: asOf, reusing: previous, changes: changes) { instant, window, sections throws(StoreError) in
            try await store.signals(asOf: instant, window: window, sections: sections)
        }
    }

    /// Samples every plan through `signals(asOf, window, sections)` (the store's query, or a fake in tests), taking
    /// from `previous` each closed bucket that `changes` leaves untouched. The newest bucket of a plan is always
    /// read; each bucket asks only for the sections of its plan's kinds.
    public func sample(
        asOf: Timestamp, reusing previous: TrendBuckets, changes: SignalChanges,
        signals query: (Timestamp, SignalDuration, SignalSections) async throws(StoreError) -> GoldenSignals
    ) async throws(StoreError) -> TrendBuckets {
        var sampled = TrendBuckets(position: changes.position, values: [:], trends: [:])
        for plan in plans {
            let sections = SignalKind.sections(of: plan.kinds)
            let instants = plan.instants(endingAt: asOf)
            let key = { (instant: Timestamp) in TrendBuckets.Key(end: instant, length: plan.step) }
            let kept = { (instant: Timestamp) in
                changes.isUnchanged(asOf: instant, since: previous.position) ? previous.values[key(instant)] : nil
            }
            // The closed buckets to read now: the newest of those not kept, as many as one sampling may read.
            let unread = instants.filter { $0 < asOf && kept($0) == nil }
            let reading = Set(unread.suffix(closedBucketsPerSampling ?? unread.count))
            sampled.unread += unread.count - reading.count
            var columns: [SignalKind: [Int64?]] = [:]
            for instant in instants {
                let closed = instant < asOf
                let keptValues = closed ? kept(instant) : nil
                let values: [SignalKind: Int64?]
                if let keptValues {
                    values = keptValues
                } else if closed, !reading.contains(instant) {
                    values = previous.values[key(instant)] ?? [:]   // shown until read, never kept as read
                } else {
                    let signals = try await query(instant, plan.step, sections)
                    values = Dictionary(uniqueKeysWithValues: plan.kinds.map { ($0, TrendValue.of($0, in: signals)) })
                }
                if closed, keptValues != nil || reading.contains(instant) { sampled.values[key(instant)] = values }
                for kind in plan.kinds { columns[kind, default: []].append(values[kind] ?? nil) }
            }
            for kind in plan.kinds {
                sampled.trends[kind] = TrendSeries(values: columns[kind] ?? [], periodLabel: plan.label, unit: TrendValue.unit(of: kind))
            }
        }
        return sampled
    }
}
