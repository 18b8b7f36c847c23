/// Count, nearest-rank p50 and p90, and maximum of a population of durations (golden-signals.md §6–8).
public struct DurationSummary: Equatable, Sendable, Codable {
    public var count: Int
    public var p50: SignalDuration?
    public var p90: SignalDuration?
    public var max: SignalDuration?

    public init(count: Int, p50: SignalDuration?, p90: SignalDuration?, max: SignalDuration?) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.max = max
    }

    /// The summary of `durations`, in any order.
    public init(durations: [SignalDuration]) {
        let summary = NearestRank.summary(of: durations)
        self.init(count: durations.count, p50: summary.p50, p90: summary.p90, max: summary.max)
    }

    /// The summary of an empty population.
    public static let empty = DurationSummary(durations: [])
}

/// Signal 7: how long exceptions closed in the window were open.
public struct ResolutionTime: Equatable, Sendable, Codable {
    public var overall: DurationSummary
    /// How many of them were closed first by `exception.resolved`, and by `exception.dismissed`.
    public var resolved: Int
    public var dismissed: Int
    /// Per kind (the kind of the exception's latest raise), only kinds with closed exceptions.
    public var byKind: [String: DurationSummary]

    public init(overall: DurationSummary, resolved: Int, dismissed: Int, byKind: [String: DurationSummary]) {
        self.overall = overall
        self.resolved = resolved
        self.dismissed = dismissed
        self.byKind = byKind.filter { $0.value.count > 0 }
    }

    /// Builds the signal from each closed exception's kind, duration and first closing type.
    public init(closings: [ExceptionClosing]) {
        var byKind: [String: [SignalDuration]] = [:]
        for closing in closings { byKind[closing.kind, default: []].append(closing.duration) }
        self.init(
            overall: DurationSummary(durations: closings.map(\.duration)),
            resolved: closings.filter { !$0.dismissed }.count,
            dismissed: closings.filter(\.dismissed).count,
            byKind: byKind.mapValues { DurationSummary(durations: $0) }
        )
    }

    public static let empty = ResolutionTime(closings: [])
}

/// One exception of the resolution-time population: its kind, `max(0, C − R)`, and whether it was dismissed.
public struct ExceptionClosing: Equatable, Sendable {
    public var kind: String
    public var duration: SignalDuration
    public var dismissed: Bool

    /// `raisedAt` is the earliest raise, `closedAt` the earliest closing event.
    public init(kind: String, raisedAt: Timestamp, closedAt: Timestamp, dismissed: Bool) {
        self.kind = kind
        self.duration = Swift.max(closedAt.since(raisedAt), SignalDuration(microseconds: 0))
        self.dismissed = dismissed
    }
}

/// Receivables of one currency: invoices posted and not yet paid, and what they still owe.
public struct OutstandingReceivables: Equatable, Sendable, Codable {
    public var invoices: Int
    public var amount: ExactDecimal

    public init(invoices: Int = 0, amount: ExactDecimal = .zero) {
        self.invoices = invoices
        self.amount = amount
    }

    /// Adds one unpaid invoice that still owes `owed`.
    public mutating func add(owed: ExactDecimal) {
        invoices += 1
        amount = amount + owed
    }
}

/// Signal 8: invoice to cash, and the receivables outstanding.
public struct InvoiceToCash: Equatable, Sendable, Codable {
    public var latency: DurationSummary
    /// Per ISO 4217 currency; only currencies with unpaid invoices.
    public var outstanding: [String: OutstandingReceivables]

    public init(latency: DurationSummary, outstanding: [String: OutstandingReceivables]) {
        self.latency = latency
        self.outstanding = outstanding.filter { $0.value.invoices > 0 }
    }

    public static let empty = InvoiceToCash(latency: .empty, outstanding: [:])
}

/// Signal 9: stored events in the window, per source.
public struct Throughput: Equatable, Sendable, Codable {
    /// Only sources with events in the window.
    public var bySource: [String: Int]

    public init(bySource: [String: Int]) { self.bySource = bySource.filter { $0.value > 0 } }

    public var events: Int { bySource.values.reduce(0, +) }

    public static let empty = Throughput(bySource: [:])
}
