/// Money at eight decimals: the exact product of two ``ExactDecimal`` values (a rate difference times hours), and
/// sums of such products. Rounded only when it is written (golden-signals.md §10: "computed exactly and rounded only
/// at output").
public struct ExactProduct: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    /// Decimal places held.
    public static let scale = 8
    /// Hundred-millionths.
    public var units: Int128

    public init(units: Int128) { self.units = units }

    /// `value` exactly, at eight decimals.
    public init(_ value: ExactDecimal) { self.units = Int128(value.units) * Int128(ExactDecimal.unitsPerOne) }

    /// `lhs × rhs` without rounding.
    public init(_ lhs: ExactDecimal, times rhs: ExactDecimal) { self.units = Int128(lhs.units) * Int128(rhs.units) }

    public static let zero = ExactProduct(units: 0)
    public static func + (lhs: ExactProduct, rhs: ExactProduct) -> ExactProduct { ExactProduct(units: lhs.units + rhs.units) }
    public static func - (lhs: ExactProduct, rhs: ExactProduct) -> ExactProduct { ExactProduct(units: lhs.units - rhs.units) }
    public static func < (lhs: ExactProduct, rhs: ExactProduct) -> Bool { lhs.units < rhs.units }

    /// The value rounded half away from zero to `places` decimals (0...4), as an ``ExactDecimal``.
    public func rounded(toPlaces places: Int) -> ExactDecimal {
        precondition((0...ExactDecimal.scale).contains(places), "ExactDecimal holds at most four decimals")
        var step: Int128 = 1
        for _ in 0..<(Self.scale - places) { step *= 10 }
        var back: Int64 = 1
        for _ in 0..<(ExactDecimal.scale - places) { back *= 10 }
        return ExactDecimal(units: Int64(roundedDivision(units, step)) * back)
    }

    /// Plain decimal text with every significant digit and at least two fractional ones: `3.125`, `12.50`.
    public var description: String {
        let magnitude = units.magnitude
        let one = UInt128(100_000_000)
        var fraction = String(magnitude % one)
        fraction = String(repeating: "0", count: Self.scale - fraction.count) + fraction
        while fraction.count > 2, fraction.hasSuffix("0") { fraction.removeLast() }
        return (units < 0 ? "-" : "") + String(magnitude / one) + "." + fraction
    }
}
