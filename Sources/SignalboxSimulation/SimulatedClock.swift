import SignalboxCore

/// Random instants and delays for the simulation, in whole seconds with occasional milliseconds.
extension SimulationRandom {
    /// An instant on `day` (days since the epoch) between `fromHour` and `toHour` UTC.
    mutating func instant(onDay day: Int64, fromHour: Int64, toHour: Int64) -> Timestamp {
        let seconds = int64(in: (fromHour * 3600)...(toHour * 3600 - 1))
        return GeneratorCalendar.startOfDay(day).adding(.init(microseconds: seconds * GeneratorCalendar.microsecondsPerSecond + milliseconds()))
    }

    /// `time` plus a random number of minutes in `range` (and a few seconds).
    mutating func after(_ time: Timestamp, minutes range: ClosedRange<Int64>) -> Timestamp {
        let micros = int64(in: range) * GeneratorCalendar.microsecondsPerMinute + int64(in: 0...59) * GeneratorCalendar.microsecondsPerSecond
        return time.adding(.init(microseconds: micros + milliseconds()))
    }

    /// `time` plus a random number of days in `range`, landing during business hours.
    mutating func after(_ time: Timestamp, days range: ClosedRange<Int64>) -> Timestamp {
        let day = time.civilDate.daysSinceEpoch + int64(in: range)
        return instant(onDay: day, fromHour: 7, toHour: 19)
    }

    /// A millisecond part for about a third of the instants, so timestamps carry fractional seconds.
    private mutating func milliseconds() -> Int64 { chance(perMille: 330) ? int64(in: 1...999) * 1000 : 0 }
}

extension ExactDecimal {
    /// A whole amount of currency units.
    static func whole(_ units: Int64) -> ExactDecimal { ExactDecimal(units) }

    /// The value rounded to cents.
    var cents: ExactDecimal { rounded(toPlaces: 2) }
}
