import SignalboxCore

/// What to generate: a seed, a number of contracts and a range of whole UTC days.
///
/// ```swift
/// let configuration = try GeneratorConfiguration(seed: 7, contracts: 300,
///     from: CivilDate(iso: "2026-08-26")!, to: CivilDate(iso: "2026-11-23")!)
/// ```
public struct GeneratorConfiguration: Hashable, Sendable {
    /// Determines every choice the generator makes.
    public var seed: UInt64
    /// How many contracts are approved over the range.
    public var contracts: Int
    /// First day (UTC) of the range.
    public var from: CivilDate
    /// Last day (UTC) of the range, included.
    public var to: CivilDate
    /// Set when the run is played live against a store (nil: a file of history, as `signalbox generate` writes).
    var live: LiveMode?

    /// Validates the inputs.
    public init(seed: UInt64, contracts: Int, from: CivilDate, to: CivilDate) throws(GeneratorConfigurationError) {
        guard contracts >= 1 else { throw .invalidContractCount(contracts) }
        guard contracts <= GeneratorConfiguration.maximumContracts else { throw .invalidContractCount(contracts) }
        guard from <= to else { throw .emptyRange(from: from, to: to) }
        self.seed = seed
        self.contracts = contracts
        self.from = from
        self.to = to
    }

    /// Contract ids carry seven digits.
    public static let maximumContracts = 9_999_999

    /// The first instant of the range: `from` at 00:00:00Z.
    public var start: Timestamp { from.startOfDayUTC }
    /// The last instant of the range: `to` at 23:59:59.999999Z.
    public var end: Timestamp { Timestamp(microseconds: to.startOfDayUTC.microseconds + GeneratorCalendar.microsecondsPerDay - 1) }
    /// Number of whole days in the range.
    public var dayCount: Int { Int(to.daysSinceEpoch - from.daysSinceEpoch) + 1 }
}

/// Why a generator configuration is refused.
public enum GeneratorConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidContractCount(Int)
    case emptyRange(from: CivilDate, to: CivilDate)

    public var description: String {
        switch self {
        case .invalidContractCount(let count):
            "--contracts must be between 1 and \(GeneratorConfiguration.maximumContracts), got \(count)"
        case .emptyRange(let from, let to):
            "--from (\(from)) must not be after --to (\(to))"
        }
    }
}

/// Day and week arithmetic in UTC.
enum GeneratorCalendar {
    static let microsecondsPerSecond: Int64 = 1_000_000
    static let microsecondsPerMinute: Int64 = 60 * microsecondsPerSecond
    static let microsecondsPerHour: Int64 = 60 * microsecondsPerMinute
    static let microsecondsPerDay: Int64 = 24 * microsecondsPerHour

    /// 0 = Monday … 6 = Sunday.
    static func weekday(_ day: Int64) -> Int64 { (day + 3).floorMod(7) }

    static func isWeekend(_ day: Int64) -> Bool { weekday(day) >= 5 }

    static func startOfDay(_ day: Int64) -> Timestamp { Timestamp(microseconds: day * microsecondsPerDay) }
}

extension Int64 {
    func floorMod(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
