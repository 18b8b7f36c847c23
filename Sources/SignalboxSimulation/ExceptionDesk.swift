import SignalboxCore

/// Raises exceptions and plans what happens to each afterwards: most stay open; some are resolved by the
/// middleware. People's decisions (claims, resolutions, dismissals, reprocessing) are never generated: they
/// are made in signalbox, through its rules, and ingest refuses `CONSOLE` events.
struct ExceptionDesk {
    /// What an exception raised in the simulation should say.
    struct Raise {
        var kind: ExceptionKind
        var summary: String
        var amountAtRisk: ExactDecimal? = nil
        var currency: String? = nil
        var failedEventID: String? = nil
        var subject: SystemRecord? = nil
        var candidates: [MappingCandidate]? = nil
    }

    /// How an exception ends, decided when it is raised.
    enum Fate {
        case stayOpen, resolvedByMiddleware
        /// The middleware closes it itself at a known time (e.g. a retry succeeded).
        case autoResolved(at: Timestamp, note: String)
    }

    let world: SimulationWorld

    /// Raises `raise` at `time` and plans its follow-up; returns the exception id.
    @discardableResult
    func raise(_ raise: Raise, at time: Timestamp, correlation: String, fate forcedFate: Fate? = nil,
               using random: inout SimulationRandom) -> String {
        let exceptionID = world.newExceptionID()
        let payload = ExceptionRaised(
            exceptionID: exceptionID, kind: raise.kind, severity: severity(for: raise, using: &random), summary: raise.summary,
            amountAtRisk: raise.amountAtRisk, currency: raise.amountAtRisk == nil ? nil : raise.currency,
            failedEventID: raise.failedEventID, candidates: raise.candidates, subject: raise.subject
        )
        world.emit(at: time, .middleware, correlation: correlation, .exceptionRaised(payload))
        let fate = forcedFate ?? chooseFate(using: &random)
        follow(payload, fate: fate, raisedAt: time, correlation: correlation, using: &random)
        return exceptionID
    }

    private func severity(for raise: Raise, using random: inout SimulationRandom) -> Severity {
        let weights: [Int] = switch raise.kind {
        case .duplicateEvent, .schemaViolation: [6, 3, 1, 0]
        case .timeAfterCutoff, .rateMismatch: [3, 5, 2, 0]
        case .ambiguousCustomerMapping, .missingMasterData, .amendmentConflict: [1, 4, 4, 1]
        case .postingFailed, .provisioningFailed: [0, 2, 5, 3]
        }
        return random.pick(Severity.allCases, weights: weights)
    }

    private func chooseFate(using random: inout SimulationRandom) -> Fate {
        random.int(in: 0...99) < 78 ? .stayOpen : .resolvedByMiddleware
    }

    private func follow(_ raised: ExceptionRaised, fate: Fate, raisedAt: Timestamp, correlation: String,
                        using random: inout SimulationRandom) {
        let id = raised.exceptionID
        switch fate {
        case .stayOpen:
            return
        case .resolvedByMiddleware:
            let time = raisedAt.adding(.init(microseconds: random.int64(in: 20...(4 * 24 * 60)) * GeneratorCalendar.microsecondsPerMinute))
            world.emit(at: time, .middleware, correlation: correlation,
                       .exceptionResolved(ExceptionResolved(exceptionID: id, by: Catalog.middlewareActor, note: "condition cleared upstream")))
        case .autoResolved(let at, let note):
            world.emit(at: at, .middleware, correlation: correlation,
                       .exceptionResolved(ExceptionResolved(exceptionID: id, by: Catalog.middlewareActor, note: note)))
        }
    }
}
