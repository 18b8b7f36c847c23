/// The golden signals as of one instant over one window (golden-signals.md §1–9).
public struct GoldenSignals: Equatable, Sendable, Codable {
    public var asOf: Timestamp
    public var window: SignalDuration
    public var activation: ActivationLatency
    public var provisioning: ProvisioningSignal
    public var amendments: AmendmentAccuracy
    /// Unbilled approved time per ISO 4217 currency; only currencies with unbilled entries.
    public var unbilled: [String: UnbilledTime]
    public var exceptions: ExceptionBacklog
    /// §6: from a time entry's approval to its first invoice.
    public var timeToInvoice: DurationSummary
    /// §7: from an exception's raise to its close.
    public var resolution: ResolutionTime
    /// §8: from an invoice's posting to its payment, and what is still owed.
    public var invoiceToCash: InvoiceToCash
    /// §9: events in the window by source.
    public var throughput: Throughput
    /// §10: billing reconciliation controls.
    public var reconciliation: Reconciliation
    /// The sections this value holds; the others keep their empty values and are left out of every output.
    public var sections: SignalSections

    public init(asOf: Timestamp, window: SignalDuration, activation: ActivationLatency, provisioning: ProvisioningSignal,
                amendments: AmendmentAccuracy, unbilled: [String: UnbilledTime], exceptions: ExceptionBacklog,
                timeToInvoice: DurationSummary = .empty, resolution: ResolutionTime = .empty,
                invoiceToCash: InvoiceToCash = .empty, throughput: Throughput = .empty,
                reconciliation: Reconciliation = .empty, sections: SignalSections = .all) {
        self.asOf = asOf
        self.window = window
        self.activation = activation
        self.provisioning = provisioning
        self.amendments = amendments
        self.unbilled = unbilled
        self.exceptions = exceptions
        self.timeToInvoice = timeToInvoice
        self.resolution = resolution
        self.invoiceToCash = invoiceToCash
        self.throughput = throughput
        self.reconciliation = reconciliation
        self.sections = sections
    }

    /// No figures yet: every section at its empty value, holding `sections`. Stores fill in the sections asked for.
    public init(asOf: Timestamp, window: SignalDuration, sections: SignalSections) {
        self.init(asOf: asOf, window: window,
                  activation: ActivationLatency(count: 0, p50: nil, p90: nil, max: nil, pending: 0, oldestPending: nil),
                  provisioning: ProvisioningSignal(succeeded: 0, failed: 0, firstEvents: 0, firstPassed: 0),
                  amendments: AmendmentAccuracy(accurate: 0, mismatched: 0, pending: 0), unbilled: [:],
                  exceptions: ExceptionBacklog(openByKind: [:], oldestOpen: nil, raisedInWindow: 0, closedInWindow: 0),
                  sections: sections)
    }

    /// These signals holding only `wanted` (of what they hold): the other sections back at their empty values.
    public func selecting(_ wanted: SignalSections) -> GoldenSignals {
        var selected = GoldenSignals(asOf: asOf, window: window, sections: [])
        selected.take(sections.intersection(wanted), from: self)
        return selected
    }

    /// These signals with every section `newer` holds taken from it, and `newer`'s as-of and window: what a reader
    /// of some sections knows once it has read them again.
    public func merging(_ newer: GoldenSignals) -> GoldenSignals {
        var merged = self
        merged.asOf = newer.asOf
        merged.window = newer.window
        merged.take(newer.sections, from: newer)
        return merged
    }

    /// Copies `taken` from `other` (which must hold them) and adds them to ``sections``.
    private mutating func take(_ taken: SignalSections, from other: GoldenSignals) {
        if taken.contains(.activationLatency) { activation = other.activation }
        if taken.contains(.provisioning) { provisioning = other.provisioning }
        if taken.contains(.amendmentAccuracy) { amendments = other.amendments }
        if taken.contains(.unbilledTime) { unbilled = other.unbilled }
        if taken.contains(.exceptions) { exceptions = other.exceptions }
        if taken.contains(.timeToInvoice) { timeToInvoice = other.timeToInvoice }
        if taken.contains(.resolutionTime) { resolution = other.resolution }
        if taken.contains(.invoiceToCash) { invoiceToCash = other.invoiceToCash }
        if taken.contains(.throughput) { throughput = other.throughput }
        if taken.contains(.reconciliation) { reconciliation = other.reconciliation }
        sections.formUnion(taken)
    }

    /// The start of the window, exclusive: "in the window" means `start < t ≤ asOf`.
    public var windowStart: Timestamp { asOf.subtracting(window) }

    /// Whether `t` lies in the window `(asOf − window, asOf]`.
    public func inWindow(_ t: Timestamp) -> Bool { t > windowStart && t <= asOf }
}

/// A fraction kept exact until it is printed.
public struct Ratio: Equatable, Sendable {
    public var numerator: Int
    public var denominator: Int

    /// nil over an empty population.
    public init?(_ numerator: Int, over denominator: Int) {
        guard denominator > 0 else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The value rounded half away from zero to four decimals.
    public var rounded: ExactDecimal {
        ExactDecimal(units: Int64(roundedDivision(Int128(numerator) * Int128(ExactDecimal.unitsPerOne), Int128(denominator))))
    }
}

/// Signal 1: contract activation latency.
public struct ActivationLatency: Equatable, Sendable, Codable {
    public var count: Int
    public var p50: SignalDuration?
    public var p90: SignalDuration?
    public var max: SignalDuration?
    public var pending: Int
    public var oldestPending: SignalDuration?

    public init(count: Int, p50: SignalDuration?, p90: SignalDuration?, max: SignalDuration?, pending: Int,
                oldestPending: SignalDuration?) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.max = max
        self.pending = pending
        self.oldestPending = oldestPending
    }

    /// Builds the signal from the latencies of the contracts activated in the window.
    public init(latencies: [SignalDuration], pending: Int, oldestPending: SignalDuration?) {
        let summary = NearestRank.summary(of: latencies)
        self.init(count: latencies.count, p50: summary.p50, p90: summary.p90, max: summary.max, pending: pending,
                  oldestPending: oldestPending)
    }
}

/// Nearest-rank percentiles: the value at 1-based position `ceil(q × n)` of the ascending values.
public enum NearestRank {
    /// The `percent`-th percentile of `sorted` (ascending), or nil when empty.
    public static func percentile<T>(_ percent: Int, of sorted: [T]) -> T? {
        guard !sorted.isEmpty else { return nil }
        return sorted[index(percent, count: sorted.count)]
    }

    /// The 50th and 90th percentiles and the largest of `values`, in any order (nil when empty): what
    /// ``percentile(_:of:)`` gives on the sorted values, found by selection instead of a sort (linear on average; a
    /// sort of the 77,065 waits of signal 6 at 1M events took a quarter of its time).
    public static func summary<T: Comparable>(of values: [T]) -> (p50: T?, p90: T?, max: T?) {
        guard !values.isEmpty else { return (nil, nil, nil) }
        var values = values
        let p90 = index(90, count: values.count)
        let p90Value = select(p90, in: &values, within: 0..<values.count)
        // Everything before the 90th's place is no larger, everything after no smaller.
        let largest = values[p90...].max()
        let p50Value = select(index(50, count: values.count), in: &values, within: 0..<(p90 + 1))
        return (p50Value, p90Value, largest)
    }

    /// The 0-based position of the `percent`-th percentile among `count` ascending values (`count` > 0).
    private static func index(_ percent: Int, count: Int) -> Int {
        Swift.max((percent * count + 99) / 100, 1) - 1
    }

    /// Reorders `values` within `range` so that the value sorted order would put at `position` is there, none larger
    /// before it and none smaller after it, and returns it (three-way quickselect: equal values end the search).
    private static func select<T: Comparable>(_ position: Int, in values: inout [T], within range: Range<Int>) -> T {
        var low = range.lowerBound, high = range.upperBound
        while high - low > 1 {
            let pivot = medianOfThree(values[low], values[(low + high) / 2], values[high - 1])
            // [low, less) < pivot, [less, next) == pivot, [greater, high) > pivot.
            var less = low, next = low, greater = high
            while next < greater {
                if values[next] < pivot {
                    values.swapAt(less, next)
                    less += 1
                    next += 1
                } else if pivot < values[next] {
                    greater -= 1
                    values.swapAt(next, greater)
                } else {
                    next += 1
                }
            }
            if position < less {
                high = less
            } else if position >= greater {
                low = greater
            } else {
                return pivot
            }
        }
        return values[low]
    }

    private static func medianOfThree<T: Comparable>(_ a: T, _ b: T, _ c: T) -> T {
        Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
    }
}

/// Signal 2: project provisioning.
public struct ProvisioningSignal: Equatable, Sendable, Codable {
    public var succeeded: Int
    public var failed: Int
    /// Contracts whose first provisioning event is in the window.
    public var firstEvents: Int
    /// Of those, the ones whose first event was `project.provisioned`.
    public var firstPassed: Int

    public init(succeeded: Int, failed: Int, firstEvents: Int, firstPassed: Int) {
        self.succeeded = succeeded
        self.failed = failed
        self.firstEvents = firstEvents
        self.firstPassed = firstPassed
    }

    public var attempts: Int { succeeded + failed }
    public var successRate: Ratio? { Ratio(succeeded, over: attempts) }
    public var firstPassRate: Ratio? { Ratio(firstPassed, over: firstEvents) }
}

/// Signal 3: amendment propagation accuracy.
public struct AmendmentAccuracy: Equatable, Sendable, Codable {
    public var accurate: Int
    public var mismatched: Int
    public var pending: Int

    public init(accurate: Int, mismatched: Int, pending: Int) {
        self.accurate = accurate
        self.mismatched = mismatched
        self.pending = pending
    }

    public var total: Int { accurate + mismatched + pending }
    public var accuracy: Ratio? { Ratio(accurate, over: total) }
}

/// How one amendment has propagated to its two targets.
public enum AmendmentPropagation: String, Sendable, Equatable {
    case accurate, mismatched, pending

    /// Classifies `changes` against the latest `applied` terms per target (nil when not applied).
    public init(changes: ContractTerms, psa: ContractTerms?, erp: ContractTerms?) {
        var differing: [AmendmentTarget: [String]] = [:]
        if let psa { differing[.psa] = changes.differingKeys(in: psa) }
        if let erp { differing[.erp] = changes.differingKeys(in: erp) }
        self.init(differingKeys: differing)
    }

    /// Classifies an amendment by the changed keys each target that reported holds differently (spec §3): any
    /// difference is a mismatch; otherwise it is accurate once every target has reported, pending before.
    public init(differingKeys: [AmendmentTarget: [String]]) {
        if differingKeys.values.contains(where: { !$0.isEmpty }) {
            self = .mismatched
        } else if differingKeys.count == AmendmentTarget.allCases.count {
            self = .accurate
        } else {
            self = .pending
        }
    }
}

/// Hours, amount and count of unbilled time entries.
public struct UnbilledTotals: Equatable, Sendable, Codable {
    public var hours: ExactDecimal
    public var amount: ExactDecimal
    public var entries: Int

    public init(hours: ExactDecimal = .zero, amount: ExactDecimal = .zero, entries: Int = 0) {
        self.hours = hours
        self.amount = amount
        self.entries = entries
    }

    public mutating func add(hours: ExactDecimal, amount: ExactDecimal) {
        self.hours = self.hours + hours
        self.amount = self.amount + amount
        entries += 1
    }

    public static func + (lhs: UnbilledTotals, rhs: UnbilledTotals) -> UnbilledTotals {
        UnbilledTotals(hours: lhs.hours + rhs.hours, amount: lhs.amount + rhs.amount, entries: lhs.entries + rhs.entries)
    }
}

/// Age buckets of unbilled time, in whole days since approval.
public enum AgeBucket: String, CaseIterable, Sendable, Hashable, Codable, CodingKeyRepresentable {
    case upTo7 = "0-7", upTo30 = "8-30", upTo60 = "31-60", over60 = "61+"

    /// The bucket for an age of `days` whole days (`floor((T − approved_at) / 86400)`).
    public init(ageInDays days: Int64) {
        switch days {
        case ...7: self = .upTo7
        case 8...30: self = .upTo30
        case 31...60: self = .upTo60
        default: self = .over60
        }
    }

    /// The bucket of something approved at `approvedAt`, seen at `asOf`.
    public init(approvedAt: Timestamp, asOf: Timestamp) {
        self.init(ageInDays: asOf.since(approvedAt).microseconds.floorDivided(by: 86_400_000_000).quotient)
    }

    /// The instants where, seen at `asOf`, an approval's bucket changes: `asOf` itself (later approvals are not
    /// counted) and the first age of each older bucket (8, 31 and 61 days back); an approval at such an instant is in
    /// the older bucket. A stretch of time holding none of them holds approvals of one bucket only.
    public static func edges(asOf: Timestamp) -> [Timestamp] {
        [0, 8, 31, 61].map { asOf.subtracting(.days($0)) }
    }
}

/// Signal 4 for one currency: totals and age buckets.
public struct UnbilledTime: Equatable, Sendable, Codable {
    public var buckets: [AgeBucket: UnbilledTotals]

    public init(buckets: [AgeBucket: UnbilledTotals] = [:]) { self.buckets = buckets }

    public var total: UnbilledTotals { AgeBucket.allCases.reduce(UnbilledTotals()) { $0 + self[$1] } }
    public subscript(bucket: AgeBucket) -> UnbilledTotals {
        get { buckets[bucket] ?? UnbilledTotals() }
        set { buckets[bucket] = newValue }
    }
}

/// Signal 5: exception backlog.
public struct ExceptionBacklog: Equatable, Sendable, Codable {
    public var openByKind: [String: Int]
    public var oldestOpen: SignalDuration?
    public var raisedInWindow: Int
    public var closedInWindow: Int

    public init(openByKind: [String: Int], oldestOpen: SignalDuration?, raisedInWindow: Int, closedInWindow: Int) {
        self.openByKind = openByKind.filter { $0.value > 0 }
        self.oldestOpen = oldestOpen
        self.raisedInWindow = raisedInWindow
        self.closedInWindow = closedInWindow
    }

    public var open: Int { openByKind.values.reduce(0, +) }
}
