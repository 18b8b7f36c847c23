/// An instant, in whole microseconds since 1970-01-01T00:00:00Z.
///
/// Canonical events carry RFC 3339 timestamps with any offset and fractional
/// seconds; Signalbox keeps them as an integer count of microseconds so that
/// comparisons and durations are exact.
///
/// ```swift
/// let t = try Timestamp(rfc3339: "2026-10-01T11:15:00.250+02:00")
/// t.rfc3339 // "2026-10-01T09:15:00.250Z"
/// ```
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since the Unix epoch (UTC).
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// Whole seconds since the epoch.
    public init(epochSeconds: Int64) { self.microseconds = epochSeconds * 1_000_000 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    /// The instant `duration` later.
    public func adding(_ duration: SignalDuration) -> Timestamp {
        Timestamp(microseconds: microseconds + duration.microseconds)
    }

    /// The instant `duration` earlier.
    public func subtracting(_ duration: SignalDuration) -> Timestamp {
        Timestamp(microseconds: microseconds - duration.microseconds)
    }

    /// The signed duration from `earlier` to `self`.
    public func since(_ earlier: Timestamp) -> SignalDuration {
        SignalDuration(microseconds: microseconds - earlier.microseconds)
    }

    /// This instant without its fraction of a second, rounded towards the past: the second a clock shows.
    public var wholeSecond: Timestamp {
        Timestamp(microseconds: microseconds.floorDivided(by: 1_000_000).quotient * 1_000_000)
    }

    public var description: String { rfc3339 }
}

/// Why a timestamp string is not RFC 3339.
public struct TimestampFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "not an RFC 3339 timestamp with offset (\(reason)): \(text.debugDescription)" }
}

extension Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`. Fractions beyond microseconds are truncated.
    public init(rfc3339 text: String) throws(TimestampFormatError) {
        var utf8 = text
        let parsed = utf8.withUTF8 { bytes in
            Result { () throws(TimestampFormatError) in try Timestamp.microseconds(rfc3339: bytes, text: text) }
        }
        self.microseconds = try parsed.get()
    }

    /// The instant written in `bytes` (the UTF-8 of `text`), read in place.
    private static func microseconds(rfc3339 bytes: UnsafeBufferPointer<UInt8>, text: String) throws(TimestampFormatError) -> Int64 {
        func fail(_ reason: String) -> TimestampFormatError { TimestampFormatError(text: text, reason: reason) }
        func digits(_ start: Int, _ count: Int) throws(TimestampFormatError) -> Int64 {
            guard start + count <= bytes.count else { throw fail("too short") }
            guard let value = bytes.decimalNumber(at: start..<start + count) else {
                throw fail("expected a digit at position \(start + 1)")
            }
            return value
        }
        func expect(_ index: Int, _ characters: StaticString) throws(TimestampFormatError) {
            let allowed = UnsafeBufferPointer(start: characters.utf8Start, count: characters.utf8CodeUnitCount)
            guard index < bytes.count, allowed.contains(bytes[index]) else {
                throw fail("expected '\(UnicodeScalar(allowed[0]))' at position \(index + 1)")
            }
        }
        let year = try digits(0, 4)
        try expect(4, "-")
        let month = try digits(5, 2)
        try expect(7, "-")
        let day = try digits(8, 2)
        try expect(10, "Tt ")
        let hour = try digits(11, 2)
        try expect(13, ":")
        let minute = try digits(14, 2)
        try expect(16, ":")
        let second = try digits(17, 2)
        guard (1...12).contains(month) else { throw fail("month out of range") }
        guard day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { throw fail("day out of range") }
        guard hour <= 23, minute <= 59, second <= 60 else { throw fail("time out of range") }
        var index = 19
        var micros: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale: Int64 = 100_000
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                micros += Int64(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { throw fail("empty fraction") }
        }
        guard index < bytes.count else { throw fail("missing offset (Z or ±HH:MM)") }
        var offsetSeconds: Int64 = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            let offsetHours = try digits(index + 1, 2)
            try expect(index + 3, ":")
            let offsetMinutes = try digits(index + 4, 2)
            guard offsetHours <= 23, offsetMinutes <= 59 else { throw fail("offset out of range") }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
            index += 6
        default:
            throw fail("missing offset (Z or ±HH:MM)")
        }
        guard index == bytes.count else { throw fail("trailing characters") }
        let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetSeconds
        return seconds * 1_000_000 + micros
    }

    /// RFC 3339 in UTC (`Z`), with milliseconds when the instant has a sub-second part.
    public var rfc3339: String {
        let (seconds, micros) = microseconds.floorDivided(by: 1_000_000)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        var text = date.isoString + "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay % 3600 / 60, 2)
            + ":" + pad(secondOfDay % 60, 2)
        if micros != 0 {
            text += micros % 1000 == 0 ? "." + pad(micros / 1000, 3) : "." + pad(micros, 6)
        }
        return text + "Z"
    }

    /// The UTC calendar date of this instant.
    public var civilDate: CivilDate {
        CivilDate(daysSinceEpoch: microseconds.floorDivided(by: 86_400_000_000).quotient)
    }
}

func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

extension Int64 {
    /// Division rounding towards negative infinity, with a non-negative remainder.
    public func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = self / divisor
        let remainder = self % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
