/// A signed length of time in microseconds, e.g. a signal window or a latency.
///
/// ```swift
/// try SignalDuration(parsing: "7d").seconds  // 604800
/// try SignalDuration(parsing: "36h")
/// ```
public struct SignalDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }
    public static let zero = SignalDuration(microseconds: 0)
    public static func seconds(_ value: Int64) -> SignalDuration { SignalDuration(microseconds: value * 1_000_000) }
    public static func days(_ value: Int64) -> SignalDuration { .seconds(value * 86_400) }

    /// A measured `Duration`, truncated to whole microseconds.
    public init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(microseconds: seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }

    /// Whole seconds (truncated).
    public var seconds: Int64 { microseconds / 1_000_000 }

    /// Rounded half away from zero to whole milliseconds, as `signals --json` rounds every `*_seconds` value.
    public var roundedToMilliseconds: SignalDuration {
        SignalDuration(microseconds: Int64(roundedDivision(Int128(microseconds), 1000)) * 1000)
    }

    public static func < (lhs: SignalDuration, rhs: SignalDuration) -> Bool { lhs.microseconds < rhs.microseconds }

    /// Parses a positive amount with a unit: `s`, `m`, `h`, `d` or `w` (`90s`, `30m`, `36h`, `7d`, `2w`).
    public init(parsing text: String) throws(DurationFormatError) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard let unit = trimmed.last, let amount = Int64(trimmed.dropLast()), amount > 0 else {
            throw DurationFormatError(text: text)
        }
        let unitSeconds: Int64
        switch unit {
        case "s": unitSeconds = 1
        case "m": unitSeconds = 60
        case "h": unitSeconds = 3600
        case "d": unitSeconds = 86_400
        case "w": unitSeconds = 604_800
        default: throw DurationFormatError(text: text)
        }
        let (total, overflow) = amount.multipliedReportingOverflow(by: unitSeconds * 1_000_000)
        guard !overflow else { throw DurationFormatError(text: text) }
        self.microseconds = total
    }

    /// A compact human form: `7d`, `36h`, `2h 05m`, `45s`.
    public var description: String {
        let total = seconds
        if total % 86_400 == 0, total != 0 { return "\(total / 86_400)d" }
        if total % 3600 == 0, total != 0 { return "\(total / 3600)h" }
        if total >= 3600 { return "\(total / 3600)h \(pad(total % 3600 / 60, 2))m" }
        if total >= 60 { return "\(total / 60)m \(pad(total % 60, 2))s" }
        return "\(total)s"
    }
}

/// A window or interval string that is not `<positive integer><s|m|h|d|w>`.
public struct DurationFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "not a duration: \(text.debugDescription) (use a whole number and a unit: 90s, 30m, 36h, 7d, 2w)"
    }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(self.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
