/// Short human forms of durations for screens: `45s`, `12m`, `3h 05m`, `2d 4h`.
public enum HumanDuration {
    /// How long ago something happened: like `format`, but never negative (an event stamped after the as-of is `0s` old).
    public static func age(_ duration: SignalDuration) -> String {
        format(duration.microseconds < 0 ? SignalDuration(microseconds: 0) : duration)
    }

    public static func format(_ duration: SignalDuration) -> String {
        let total = duration.microseconds / 1_000_000
        let sign = total < 0 ? "-" : ""
        let seconds = abs(total)
        switch seconds {
        case ..<60: return "\(sign)\(seconds)s"
        case ..<3600: return "\(sign)\(seconds / 60)m"
        case ..<86_400: return "\(sign)\(seconds / 3600)h \(pad(seconds % 3600 / 60, 2))m"
        default: return "\(sign)\(seconds / 86_400)d \(seconds % 86_400 / 3600)h"
        }
    }
}
