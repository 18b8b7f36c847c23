import SignalboxCore

/// Raises exceptions and plans what happens to each afterwards: most stay open; some are claimed,
/// released, resolved (by an operator or by the middleware), dismissed, or go through a
/// reprocess request approved by a second operator.
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
        case stayOpen, claimed, claimedAndReleased, resolvedByOperator, resolvedByMiddleware, dismissed
        case reprocess(succeeds: Bool)
        /// The middleware closes it itself at a known time (e.g. a retry succeeded).
        case autoResolved(at: Timestamp, note: String)

        /// The fate with operator actions taken out: live runs leave those to the people at the console.
        var withoutOperators: Fate {
            switch self {
            case .resolvedByMiddleware, .autoResolved: self
            case .stayOpen, .claimed, .claimedAndReleased, .resolvedByOperator, .dismissed, .reprocess: .stayOpen
            }
        }
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
        let chosen = forcedFate ?? chooseFate(reprocessable: raise.failedEventID != nil, using: &random)
        let fate = world.configuration.live == nil ? chosen : chosen.withoutOperators
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

    private func chooseFate(reprocessable: Bool, using random: inout SimulationRandom) -> Fate {
        let roll = random.int(in: 0...99)
        switch roll {
        case 0..<52: return .stayOpen
        case 52..<60: return .claimed
        case 60..<64: return .claimedAndReleased
        case 64..<78: return .resolvedByOperator
        case 78..<82: return .resolvedByMiddleware
        case 82..<90: return .dismissed
        default: return reprocessable ? .reprocess(succeeds: random.chance(perMille: 700)) : .resolvedByOperator
        }
    }

    private func follow(_ raised: ExceptionRaised, fate: Fate, raisedAt: Timestamp, correlation: String,
                        using random: inout SimulationRandom) {
        let id = raised.exceptionID
        let firstOperator = random.pick(Catalog.operators)
        var time = raisedAt.adding(.init(microseconds: random.int64(in: 20...(4 * 24 * 60)) * GeneratorCalendar.microsecondsPerMinute))
        func later(minutes: ClosedRange<Int64>, _ random: inout SimulationRandom) {
            time = time.adding(.init(microseconds: random.int64(in: minutes) * GeneratorCalendar.microsecondsPerMinute
                                     + random.int64(in: 0...999) * 1000))
        }
        func console(_ payload: EventPayload) { world.emit(at: time, .console, correlation: correlation, payload) }
        switch fate {
        case .stayOpen:
            return
        case .claimed:
            console(.exceptionClaimed(ExceptionActor(exceptionID: id, by: firstOperator)))
        case .claimedAndReleased:
            console(.exceptionClaimed(ExceptionActor(exceptionID: id, by: firstOperator)))
            later(minutes: 15...600, &random)
            console(.exceptionReleased(ExceptionActor(exceptionID: id, by: firstOperator)))
            if random.chance(perMille: 400) {
                later(minutes: 5...120, &random)
                console(.exceptionNoted(ExceptionNoted(exceptionID: id, by: firstOperator, note: "waiting for the account manager")))
            }
        case .resolvedByOperator:
            if random.chance(perMille: 500) {
                console(.exceptionClaimed(ExceptionActor(exceptionID: id, by: firstOperator)))
                later(minutes: 5...240, &random)
            }
            console(.exceptionResolved(resolution(of: raised, by: firstOperator, using: &random)))
        case .resolvedByMiddleware:
            world.emit(at: time, .middleware, correlation: correlation,
                       .exceptionResolved(ExceptionResolved(exceptionID: id, by: Catalog.middlewareActor, note: "condition cleared upstream")))
        case .autoResolved(let at, let note):
            world.emit(at: at, .middleware, correlation: correlation,
                       .exceptionResolved(ExceptionResolved(exceptionID: id, by: Catalog.middlewareActor, note: note)))
        case .dismissed:
            console(.exceptionDismissed(ExceptionDismissed(exceptionID: id, by: firstOperator, reason: random.pick(Catalog.dismissReasons))))
        case .reprocess(let succeeds):
            let requestID = world.newRequestID()
            console(.reprocessRequested(ReprocessRequested(exceptionID: id, requestID: requestID, by: firstOperator,
                                                           failedEventID: raised.failedEventID)))
            later(minutes: 10...1440, &random)
            let approver = Catalog.operators.filter { $0 != firstOperator }[random.int(in: 0...(Catalog.operators.count - 2))]
            console(.reprocessApproved(ReprocessApproved(requestID: requestID, by: approver)))
            later(minutes: 1...30, &random)
            let outcome: ReprocessOutcome = succeeds ? .succeeded : .failed
            world.emit(at: time, .middleware, correlation: correlation, .reprocessCompleted(ReprocessCompleted(
                requestID: requestID, outcome: outcome, message: succeeds ? "replayed \(raised.failedEventID ?? "event")" : "target system rejected the replay again")))
            if succeeds {
                later(minutes: 1...5, &random)
                world.emit(at: time, .middleware, correlation: correlation,
                           .exceptionResolved(ExceptionResolved(exceptionID: id, by: Catalog.middlewareActor, note: "reprocessed by \(requestID)")))
            }
        }
    }

    private func resolution(of raised: ExceptionRaised, by user: String, using random: inout SimulationRandom) -> ExceptionResolved {
        guard let subject = raised.subject, let candidates = raised.candidates, !candidates.isEmpty else {
            return ExceptionResolved(exceptionID: raised.exceptionID, by: user, note: random.pick(Catalog.resolutionNotes))
        }
        let chosen = random.chance(perMille: 800) ? candidates[0] : candidates[candidates.count - 1]
        let mapping = RecordMapping(sourceSystem: subject.system, sourceKey: subject.key,
                                    targetSystem: chosen.record.system, targetKey: chosen.record.key)
        return ExceptionResolved(exceptionID: raised.exceptionID, by: user, mapping: mapping, note: "mapped to \(chosen.record.name)")
    }
}
