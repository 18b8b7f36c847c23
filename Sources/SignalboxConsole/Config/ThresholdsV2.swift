import SignalboxCore

/// A ceiling on the p90 of a latency signal (time to invoice, resolution time).
public struct LatencyThresholds: Equatable, Sendable {
    /// p90 of the population in the window.
    public var p90: CeilingLimit<SignalDuration>

    /// Creates the limit.
    public init(p90: CeilingLimit<SignalDuration>) { self.p90 = p90 }
}

/// Limits for invoice to cash.
public struct InvoiceToCashThresholds: Equatable, Sendable {
    /// p90 from posting to payment of the invoices paid in the window.
    public var p90: CeilingLimit<SignalDuration>
    /// Amount still owed, per currency on its own (Signalbox never converts currencies).
    public var outstanding: CeilingLimit<ExactDecimal>

    /// Creates the limits.
    public init(p90: CeilingLimit<SignalDuration>, outstanding: CeilingLimit<ExactDecimal>) {
        self.p90 = p90
        self.outstanding = outstanding
    }
}

/// A floor on the events stored in the window: a quiet integration layer is a problem.
public struct ThroughputThresholds: Equatable, Sendable {
    /// Events in the window, all sources.
    public var events: CountFloor

    /// Creates the floor.
    public init(events: CountFloor) { self.events = events }
}

/// A pair of lower limits for a count where fewer is worse; a count *equal* to a floor is still fine.
public struct CountFloor: Equatable, Sendable {
    /// Counts below this warn.
    public var warn: Int
    /// Counts below this breach; never above `warn`.
    public var breach: Int

    /// Creates the pair; validation of `breach ≤ warn` is the loader's job.
    public init(warn: Int, breach: Int) {
        self.warn = warn
        self.breach = breach
    }

    /// `.breach` below `breach`, `.warn` below `warn`, else `.ok`.
    public func health(of value: Int) -> SignalHealth {
        value < breach ? .breach : value < warn ? .warn : .ok
    }
}
