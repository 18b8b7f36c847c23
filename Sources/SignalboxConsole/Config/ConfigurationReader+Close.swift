import Foundation
import SignalboxCore

/// `close:` in the configuration: the finance calendar close mode counts down to.
///
/// ```yaml
/// close:
///   timeZone: Europe/Berlin          # IANA name; default UTC
///   cutoff: "18:00"                  # on each period's last day, 00:00-24:00; default 24:00 (the day's end)
///   periodEnds: [2026-10-30, 2026-11-30, 2026-12-31]
/// ```
extension ConfigurationReader {
    static func close(_ node: YAMLNode) throws(YAMLFieldError) -> CloseCalendar {
        var calendar = CloseCalendar()
        for (key, value) in try node.mapping(allowedKeys: ["timeZone", "cutoff", "periodEnds"]) {
            switch key {
            case "timeZone":
                let name = try value.scalarText()
                guard TimeZone(identifier: name) != nil else {
                    throw YAMLFieldError(key: value.path, reason: "\(name.debugDescription) is not a time zone (use an IANA name such as Europe/Berlin or UTC)")
                }
                calendar.timeZone = name
            case "cutoff": calendar.cutoffMinutes = try cutoffMinutes(value)
            default:
                var dates: [CivilDate] = []
                for item in try value.list() { dates.append(try date(item)) }
                calendar = CloseCalendar(timeZone: calendar.timeZone, cutoffMinutes: calendar.cutoffMinutes, periodEnds: dates)
            }
        }
        return CloseCalendar(timeZone: calendar.timeZone, cutoffMinutes: calendar.cutoffMinutes, periodEnds: calendar.periodEnds)
    }

    /// `HH:MM` from 00:00 to 24:00.
    static func cutoffMinutes(_ node: YAMLNode) throws(YAMLFieldError) -> Int {
        let text = try node.scalarText()
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...24).contains(hours), (0...59).contains(minutes),
              hours * 60 + minutes <= 1440 else {
            throw YAMLFieldError(key: node.path, reason: "\(text.debugDescription) is not a time of day (use HH:MM from 00:00 to 24:00, quoted)")
        }
        return hours * 60 + minutes
    }

    /// `YYYY-MM-DD`.
    static func date(_ node: YAMLNode) throws(YAMLFieldError) -> CivilDate {
        let text = try node.scalarText()
        guard let date = CivilDate(iso: text) else {
            throw YAMLFieldError(key: node.path, reason: "\(text.debugDescription) is not a date (use YYYY-MM-DD)")
        }
        return date
    }
}
