import SignalboxCore
import SignalboxTerminal

/// What close mode adds to the screen: the countdown in the status bar and on the wall, and the unbilled tile's split.
enum CloseLines {
    /// The status bar's countdown, the longest form that fits `room` columns: ` close 2026-11-30 18:00 UTC cutoff in 2d 4h `,
    /// ` close 11-30 in 2d 4h `, ` close in 2d 4h `, ` cutoff 2d 4h `; nil without close mode or room.
    static func statusBar(_ state: ConsoleState, room: Int) -> (text: String, passed: Bool)? {
        guard let period = state.closePeriod else { return nil }
        let (countdown, passed) = period.countdown(at: state.queueNow)
        let day = period.end.isoString
        let forms = [" close \(day) \(period.cutoffLabel) cutoff \(countdown) ", " close \(day) cutoff \(countdown) ",
                     " close \(day.dropFirst(5)) \(countdown) ", " close \(countdown) ",
                     " cutoff \(HumanDuration.format(period.cutoff.since(state.queueNow))) "]
        return forms.first { TerminalText.width($0) <= room }.map { ($0, passed) }
    }

    /// The unbilled tile's first lines in close mode, per currency: approved before the cutoff and still unbilled
    /// (missing this period's invoicing), then the rest (approved since the cutoff), on one line when it fits.
    static func unbilled(_ state: ConsoleState, width: Int) -> [[TextSegment]] {
        guard let exposure = state.closeExposure, let signals = state.signals, exposure.asOf == signals.asOf else { return [] }
        var lines: [[TextSegment]] = []
        for (currency, before, rest) in exposure.split(of: signals) {
            let missing = [TextSegment("before cutoff ", .dim), TextSegment("\(currency) \(SignalFigures.grouped(before.amount))",
                                                                          before.entries > 0 ? .warn : .ok),
                           TextSegment(" (\(SignalFigures.count(before.entries)))", .dim)]
            let later = [TextSegment("after ", .dim), TextSegment(SignalFigures.grouped(rest.amount)),
                         TextSegment(" (\(SignalFigures.count(rest.entries)))", .dim)]
            let used = (missing + later).reduce(3) { $0 + TerminalText.width($1.text) }
            if used <= width - 1 {
                lines.append(missing + [TextSegment(" · ", .dim)] + later)
            } else {
                lines += [missing, [TextSegment("after cutoff  ", .dim)] + later.dropFirst()]
            }
        }
        return lines
    }

    /// The wall's countdown: `2d 4h` or `-3h 05m` once passed, for ``BigText``.
    static func wallFigure(_ state: ConsoleState) -> (label: String, value: String, passed: Bool)? {
        guard let period = state.closePeriod else { return nil }
        let passed = state.queueNow >= period.cutoff
        let remaining = HumanDuration.format(period.cutoff.since(state.queueNow))
        return ("close \(period.end.isoString) · cutoff \(period.cutoffLabel)" + (passed ? " passed" : ""), remaining, passed)
    }
}
