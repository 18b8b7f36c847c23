import Foundation
import SignalboxCore

/// The period ends of the finance calendar, each closing at a cutoff time in one time zone (`close:` in the
/// configuration; `--close DATE` picks one period end).
///
/// ```swift
/// let calendar = CloseCalendar(timeZone: "Europe/Berlin", cutoffMinutes: 18 * 60, periodEnds: [CivilDate(iso: "2026-11-30")!])
/// calendar.period(endingOn: CivilDate(iso: "2026-11-30")!).cutoff.rfc3339   // "2026-11-30T17:00:00Z"
/// ```
public struct CloseCalendar: Equatable, Sendable {
    /// An IANA time zone name (`Europe/Berlin`, `UTC`); validated when read.
    public var timeZone: String
    /// The cutoff on a period's last day, in minutes after local midnight: 0…1440 (1440: the day's end).
    public var cutoffMinutes: Int
    /// Period ends, sorted, without repeats.
    public var periodEnds: [CivilDate]

    /// The end of the period-end day in UTC, when the configuration says nothing else.
    public static let defaultTimeZone = "UTC"
    public static let defaultCutoffMinutes = 1440

    public init(timeZone: String = defaultTimeZone, cutoffMinutes: Int = defaultCutoffMinutes, periodEnds: [CivilDate] = []) {
        self.timeZone = timeZone
        self.cutoffMinutes = cutoffMinutes
        self.periodEnds = Array(Set(periodEnds)).sorted()
    }

    /// The same cutoff time and zone with only `date` as period end (`--close DATE`).
    public func only(_ date: CivilDate) -> CloseCalendar {
        CloseCalendar(timeZone: timeZone, cutoffMinutes: cutoffMinutes, periodEnds: [date])
    }

    /// The period ending on `date`, its cutoff as an instant.
    public func period(endingOn date: CivilDate) -> ClosePeriod {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0) ?? .current
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let day = CivilDate(daysSinceEpoch: date.daysSinceEpoch + Int64(cutoffMinutes / 1440))
        let components = DateComponents(year: Int(day.year), month: Int(day.month), day: Int(day.day),
                                        hour: cutoffMinutes % 1440 / 60, minute: cutoffMinutes % 60)
        let seconds = calendar.date(from: components).map { Int64($0.timeIntervalSince1970.rounded()) }
            ?? date.startOfDayUTC.microseconds / 1_000_000 + Int64(cutoffMinutes) * 60
        return ClosePeriod(end: date, cutoff: Timestamp(epochSeconds: seconds),
                           cutoffLabel: String(format: "%02d:%02d", cutoffMinutes / 60, cutoffMinutes % 60) + " " + timeZone)
    }

    /// The period being closed at `now`: the first whose cutoff is after `now`, else the last one (its cutoff passed);
    /// nil without period ends.
    public func current(at now: Timestamp) -> ClosePeriod? {
        let periods = periodEnds.map(period(endingOn:))
        return periods.first { $0.cutoff > now } ?? periods.last
    }
}

/// One period being closed: its last day and the instant after which approved time belongs to the next period.
public struct ClosePeriod: Equatable, Sendable {
    public var end: CivilDate
    public var cutoff: Timestamp
    /// `18:00 Europe/Berlin`, for the screen.
    public var cutoffLabel: String

    public init(end: CivilDate, cutoff: Timestamp, cutoffLabel: String) {
        self.end = end
        self.cutoff = cutoff
        self.cutoffLabel = cutoffLabel
    }

    /// `in 2d 4h` before the cutoff, `passed 3h 05m ago` after it.
    public func countdown(at now: Timestamp) -> (text: String, passed: Bool) {
        now < cutoff ? ("in " + HumanDuration.format(cutoff.since(now)), false)
                     : ("passed " + HumanDuration.age(now.since(cutoff)) + " ago", true)
    }
}
