/// Signal 5, exception backlog (golden-signals.md §5).
enum ExceptionReference {
    static func compute(_ log: ReferenceLog) -> ExceptionBacklog {
        let raises = log.facts(\.exceptionRaised).histories(by: \.exceptionID)
        let closings = log.facts(\.closedExceptionID).histories(by: \.self)

        var openByKind: [String: Int] = [:]
        var openSince: [Timestamp] = []
        var raisedInWindow = 0
        var closedInWindow = 0
        // Only exceptions raised up to asOf exist; a closing event for anything else is ignored.
        for (exceptionID, raise) in raises {
            if log.inWindow(raise.earliest.occurredAt) { raisedInWindow += 1 }
            if let closing = closings[exceptionID] {
                if log.inWindow(closing.earliest.occurredAt) { closedInWindow += 1 }
            } else {
                openByKind[raise.latest.data.kind.rawValue, default: 0] += 1
                openSince.append(raise.earliest.occurredAt)
            }
        }
        return ExceptionBacklog(
            openByKind: openByKind,
            oldestOpen: openSince.min().map { log.asOf.since($0) },
            raisedInWindow: raisedInWindow,
            closedInWindow: closedInWindow
        )
    }
}
