import SignalboxCore
import SignalboxStore

/// Builds per-signal trends by asking the store for the signals at evenly spaced instants.
///
/// Each ``Plan`` samples `points` instants ending at `asOf`, `step` apart (`asOf − (points−1)·step …
/// asOf`), with a window of one `step`, so each point describes its own hour or day rather than a
/// rolling week. Only the extracted numbers are kept, so memory is bounded by the number of points.
///
/// The default plans (78 store queries per sampling; run it on change, not on every tick):
/// - ``hourly``: 48 points an hour apart (`48h hourly`) for activation, provisioning and exceptions,
///   which move within hours;
/// - ``daily``: 30 points a day apart (`30d daily`) for amendments and unbilled time, which move over days.
///
/// ```swift
/// let trends = try await TrendSampler().sample(store, asOf: now)
/// trends[.exceptions]?.values  // 48 open counts, oldest first
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

        /// Creates a plan; `points` below 1 are raised to 1.
        public init(points: Int, step: SignalDuration, label: String, kinds: [SignalKind]) {
            self.points = max(1, points)
            self.step = step
            self.label = label
            self.kinds = kinds
        }

        /// The sampled instants, oldest first, the last one `asOf`.
        public func instants(endingAt asOf: Timestamp) -> [Timestamp] {
            (0..<points).map { index in
                asOf.subtracting(SignalDuration(microseconds: step.microseconds * Int64(points - 1 - index)))
            }
        }
    }

    /// 48 hourly points for activation, provisioning, exceptions and throughput (events per hour).
    public static let hourly = Plan(points: 48, step: .seconds(3600), label: "48h hourly",
                                    kinds: [.activation, .provisioning, .exceptions, .throughput])
    /// 30 daily points for amendments, unbilled time, and the back-of-the-flow latencies (a day's invoices,
    /// closures and payments are enough for a p90).
    public static let daily = Plan(points: 30, step: .days(1), label: "30d daily",
                                   kinds: [.amendments, .unbilled, .timeToInvoice, .resolution, .invoiceToCash])

    /// The schedules sampled; each signal should appear in one plan only.
    public var plans: [Plan]

    /// A sampler over `plans` (default: ``hourly`` and ``daily``).
    public init(plans: [Plan] = [TrendSampler.hourly, TrendSampler.daily]) {
        self.plans = plans
    }

    /// Samples every plan from `store`, returning one series per signal named in the plans.
    public func sample(_ store: some SignalSource, asOf: Timestamp) async throws(StoreError) -> [SignalKind: TrendSeries] {
        try await sample(asOf: asOf) { instant, window throws(StoreError) in try await store.signals(asOf: instant, window: window) }
    }

    /// Samples every plan through `signals(asOf, window)` (the store's query, or a fake in tests).
    public func sample(
        asOf: Timestamp, signals query: (Timestamp, SignalDuration) async throws(StoreError) -> GoldenSignals
    ) async throws(StoreError) -> [SignalKind: TrendSeries] {
        var trends: [SignalKind: TrendSeries] = [:]
        for plan in plans {
            var columns: [SignalKind: [Int64?]] = [:]
            for instant in plan.instants(endingAt: asOf) {
                let signals = try await query(instant, plan.step)
                for kind in plan.kinds { columns[kind, default: []].append(TrendValue.of(kind, in: signals)) }
            }
            for kind in plan.kinds {
                trends[kind] = TrendSeries(values: columns[kind] ?? [], periodLabel: plan.label, unit: TrendValue.unit(of: kind))
            }
        }
        return trends
    }
}
