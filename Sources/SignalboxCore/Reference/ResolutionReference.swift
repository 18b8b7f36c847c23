/// Signal 7, exception resolution time (golden-signals.md §7).
enum ResolutionReference {
    static func compute(_ log: ReferenceLog) -> ResolutionTime {
        let raises = log.facts(\.exceptionRaised).histories(by: \.exceptionID)
        let closings = log.facts(\.exceptionClosing).histories(by: \.exceptionID)

        var population: [ExceptionClosing] = []
        for (exceptionID, closing) in closings where log.inWindow(closing.earliest.occurredAt) {
            // Closed but never raised (by T): not in the population.
            guard let raise = raises[exceptionID] else { continue }
            population.append(ExceptionClosing(
                kind: raise.latest.data.kind.rawValue,
                raisedAt: raise.earliest.occurredAt,
                closedAt: closing.earliest.occurredAt,
                dismissed: closing.earliest.data.dismissed
            ))
        }
        return ResolutionTime(closings: population)
    }
}
