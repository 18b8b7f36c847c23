/// An exact decimal with four fractional digits, stored as an integer count of ten-thousandths.
///
/// Money, rates and hours in canonical events are exact to the cent; Signalbox never
/// does arithmetic on them in binary floating point.
///
/// ```swift
/// let rate = try ExactDecimal(parsing: "1234.50")
/// (rate * ExactDecimal(parsing: "2")).description  // "2469.00"
/// ```
public struct ExactDecimal: Hashable, Comparable, Sendable, CustomStringConvertible, AdditiveArithmetic {
    /// Fractional digits kept.
    public static let scale = 4
    /// `10^scale`.
    public static let unitsPerOne: Int64 = 10_000

    /// The value times 10^4.
    public var units: Int64

    public init(units: Int64) { self.units = units }
    public init(_ integer: Int64) { self.units = integer * ExactDecimal.unitsPerOne }

    public static let zero = ExactDecimal(units: 0)
    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal { ExactDecimal(units: lhs.units + rhs.units) }
    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal { ExactDecimal(units: lhs.units - rhs.units) }
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { lhs.units < rhs.units }

    /// Parses a JSON number lexeme or a decimal string: `-12`, `1234.5`, `1.2e3`.
    /// Rejects more than four significant fractional digits and values beyond ±900 trillion.
    public init(parsing text: String) throws(DecimalFormatError) {
        var utf8 = text
        let parsed = utf8.withUTF8 { bytes in
            Result { () throws(DecimalFormatError) in try ExactDecimal.units(parsing: bytes, text: text) }
        }
        self.units = try parsed.get()
    }

    /// The units of `bytes` (the UTF-8 of `text`), without allocating: one pass reads the shape
    /// (digits, point, exponent), a second folds the significant digits.
    private static func units(parsing bytes: UnsafeBufferPointer<UInt8>, text: String) throws(DecimalFormatError) -> Int64 {
        func fail(_ reason: String) -> DecimalFormatError { DecimalFormatError(text: text, reason: reason) }
        let negative = bytes.first == UInt8(ascii: "-")
        let start = negative ? 1 : 0
        var end = bytes.count
        var digitCount = 0
        var trailingZeros = 0
        var fractionDigits = 0
        var seenPoint = false
        var exponent = 0
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte >= 0x30, byte <= 0x39 {
                digitCount += 1
                trailingZeros = byte == 0x30 ? trailingZeros + 1 : 0
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                let rest = UnsafeBufferPointer(rebasing: bytes[(index + 1)...])
                guard let value = Int(String(decoding: rest, as: UTF8.self)), abs(value) < 40 else { throw fail("bad exponent") }
                exponent = value
                end = index
                break
            } else {
                throw fail("unexpected character")
            }
            index += 1
        }
        guard digitCount > 0 else { throw fail("no digits") }
        // The value is digits × 10^(exponent − fractionDigits); express it in units of 10^-4,
        // dropping trailing zero digits while the shift is negative.
        var shift = exponent - fractionDigits + ExactDecimal.scale
        if shift < 0 {
            guard -shift <= trailingZeros else { throw fail("more than \(ExactDecimal.scale) decimal places") }
            digitCount += shift
            shift = 0
        }
        var units: Int64 = 0
        func append(_ digit: Int64) throws(DecimalFormatError) {
            let (times10, overflow1) = units.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(digit)
            guard !overflow1, !overflow2, sum <= 9_000_000_000_000_000_000 else { throw fail("out of range") }
            units = sum
        }
        index = start
        while digitCount > 0, index < end {
            let byte = bytes[index]
            if byte != UInt8(ascii: ".") {
                try append(Int64(byte - 0x30))
                digitCount -= 1
            }
            index += 1
        }
        for _ in 0..<shift { try append(0) }
        return negative ? -units : units
    }

    /// `self × other`, rounded half away from zero to four decimals.
    public static func * (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        let product = lhs.units.multipliedFullWidth(by: rhs.units)
        let wide = (Int128(product.high) << 64) | Int128(product.low)
        return ExactDecimal(units: Int64(roundedDivision(wide, Int128(ExactDecimal.unitsPerOne))))
    }

    /// The value rounded half away from zero to `places` decimals (0...4).
    public func rounded(toPlaces places: Int) -> ExactDecimal {
        var step: Int64 = 1
        for _ in 0..<(ExactDecimal.scale - places) { step *= 10 }
        return ExactDecimal(units: Int64(roundedDivision(Int128(units), Int128(step))) * step)
    }

    /// Plain decimal text with at least two fractional digits, more only when significant: `1234.50`, `0.125`.
    public var description: String { formatted(minimumFractionDigits: 2) }

    /// Decimal text with at least `minimumFractionDigits` fractional digits and no insignificant zeros beyond them.
    public func formatted(minimumFractionDigits: Int) -> String {
        let magnitude = units.magnitude
        let whole = magnitude / UInt64(ExactDecimal.unitsPerOne)
        var fraction = String(magnitude % UInt64(ExactDecimal.unitsPerOne))
        fraction = String(repeating: "0", count: ExactDecimal.scale - fraction.count) + fraction
        while fraction.count > minimumFractionDigits, fraction.last == "0" { fraction.removeLast() }
        let sign = units < 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}

/// Integer division rounding half away from zero.
func roundedDivision(_ numerator: Int128, _ denominator: Int128) -> Int128 {
    let quotient = numerator / denominator
    let remainder = numerator % denominator
    if remainder.magnitude * 2 >= denominator.magnitude {
        return quotient + ((numerator < 0) != (denominator < 0) ? -1 : 1)
    }
    return quotient
}

/// A money, rate or hours value that is not an exact decimal.
public struct DecimalFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "not an exact decimal (\(reason)): \(text.debugDescription)" }
}
