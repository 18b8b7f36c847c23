import SignalboxCore

/// A pair of upper limits (durations, counts, amounts) where more is worse.
///
/// A value *equal* to a limit is still on the good side: health turns `.warn` only when the value
/// exceeds `warn`, and `.breach` when it exceeds `breach`. So `open: {warn: 0, …}` warns on any open item.
public struct CeilingLimit<Value: Comparable & Sendable>: Equatable, Sendable {
    /// Values above this warn.
    public var warn: Value
    /// Values above this breach; never below `warn`.
    public var breach: Value

    /// Creates the pair; validation of `warn ≤ breach` is the loader's job.
    public init(warn: Value, breach: Value) {
        self.warn = warn
        self.breach = breach
    }

    /// `.breach` above `breach`, `.warn` above `warn`, else `.ok`.
    public func health(of value: Value) -> SignalHealth {
        value > breach ? .breach : value > warn ? .warn : .ok
    }
}

/// A pair of lower limits for a rate in [0, 1] where less is worse.
///
/// A rate *equal* to a floor is still on the good side. Rates are compared exactly (`Ratio` against
/// `ExactDecimal` by cross-multiplication), never through floating point.
public struct RateFloor: Equatable, Sendable {
    /// Rates below this warn.
    public var warn: ExactDecimal
    /// Rates below this breach; never above `warn`.
    public var breach: ExactDecimal

    /// Creates the pair; validation of `breach ≤ warn` and the [0, 1] range is the loader's job.
    public init(warn: ExactDecimal, breach: ExactDecimal) {
        self.warn = warn
        self.breach = breach
    }

    /// `.unknown` for a rate over an empty population (`nil`), else `.breach` below `breach`,
    /// `.warn` below `warn`, `.ok` otherwise.
    public func health(of rate: Ratio?) -> SignalHealth {
        guard let rate else { return .unknown }
        return rate.isBelow(breach) ? .breach : rate.isBelow(warn) ? .warn : .ok
    }
}

extension Ratio {
    /// Whether `numerator / denominator < floor`, exactly.
    func isBelow(_ floor: ExactDecimal) -> Bool {
        Int128(numerator) * Int128(ExactDecimal.unitsPerOne) < Int128(floor.units) * Int128(denominator)
    }
}
