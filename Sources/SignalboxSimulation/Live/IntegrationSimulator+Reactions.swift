import SignalboxCore
import SignalboxStore

/// How the simulated middleware reacts to what people decided in the console.
///
/// Every event written here has an id derived from the decision it answers (`sim-reprocess-<request>`,
/// `sim-activate-<exception>-project`, …), so a restarted simulator that sees the same decision again
/// writes duplicates the store ignores: nothing is ever replayed twice.
extension IntegrationSimulator {
    /// Replays each approved, not yet completed reprocess request once: `reprocess.completed`, and on
    /// success `exception.resolved` (a completed replay alone does not close the exception). Both are stamped
    /// no earlier than the approval they answer; a replay of an event missing from the store fails.
    func replayApprovedRequests(at now: Timestamp, into report: inout SimulationStepReport) async throws(SimulatorError) {
        let rows = try await storeCall { () async throws(StoreError) in try await store.reprocessRequests(outstandingOnly: true, limit: 1000) }
        for row in rows where row.request.completion == nil {
            guard let approval = row.request.approval else { continue }
            let now = report.answering(approval.at, at: now)
            let requestID = row.request.requestID
            let record = try await storeCall { () async throws(StoreError) in try await store.exceptionRecord(id: row.exceptionID) }
            let correlation = record?.correlationID ?? row.exceptionID
            var random = SimulationRandom(seed: configuration.seed, stream: stableHash(requestID))
            var succeeded = random.chance(perMille: configuration.replaySuccessPerMille)
            var message = succeeded
                ? "replayed \(row.request.failedEventID ?? "the failed event")"
                : Self.replayFailure(for: record?.kind, using: &random)
            let failedEventID = row.request.failedEventID
            var stored = false
            if let failedEventID {
                stored = try await storeCall { () async throws(StoreError) in try await store.eventExists(id: failedEventID) }
            }
            if !stored {
                succeeded = false
                message = "the failed event \(failedEventID ?? "(none named)") is not in the store: nothing to replay"
            }
            var events = [middleware("sim-reprocess-\(requestID)", at: now, correlation, .reprocessCompleted(
                ReprocessCompleted(requestID: requestID, outcome: succeeded ? .succeeded : .failed, message: message)))]
            if succeeded, let record, !record.isClosed {
                events.append(middleware("sim-reprocess-\(requestID)-resolved", at: now, correlation, .exceptionResolved(
                    ExceptionResolved(exceptionID: record.id, by: Self.actorName, note: "reprocessed by \(requestID)"))))
            }
            try await write(events, into: &report)
            report.replays += 1
            if succeeded, let record, record.kind == .provisioningFailed {
                try await activate(record.correlationID, answering: "reprocess-\(requestID)", at: now, into: &report)
            }
        }
    }

    /// Activates the contract of every mapping or master-data exception a person resolved: decisions
    /// made since the simulator attached, and earlier ones about contracts a live run created.
    func followResolutions(at now: Timestamp, into report: inout SimulationStepReport) async throws(SimulatorError) {
        let since = consoleTimeRead?.subtracting(.days(1))
        let trail = try await storeCall { () async throws(StoreError) in try await store.auditTrail(since: since) }
        for logged in trail where logged.sequence > consoleSequenceRead {
            consoleSequenceRead = logged.sequence
            consoleTimeRead = max(consoleTimeRead ?? logged.event.occurredAt, logged.event.occurredAt)
            guard case .exceptionResolved(let resolved) = logged.event.payload else { continue }
            let record = try await storeCall { () async throws(StoreError) in try await store.exceptionRecord(id: resolved.exceptionID) }
            guard let record, record.kind == .ambiguousCustomerMapping || record.kind == .missingMasterData,
                  session.map({ logged.sequence > $0.attachedAtSequence }) ?? true || LiveFeed.isLiveContract(record.correlationID) else { continue }
            try await activate(record.correlationID, answering: record.id, at: report.answering(logged.event.occurredAt, at: now),
                               into: &report)
        }
    }

    /// Resolves each newly raised mapping exception whose subject the store already has a mapping for,
    /// citing it, and activates the contract.
    func applyRememberedMappings(to lines: [GeneratedEvent], at now: Timestamp, into report: inout SimulationStepReport) async throws(SimulatorError) {
        for line in lines where line.delivery != .duplicate {
            guard case .exceptionRaised(let raised) = line.event.payload, raised.kind == .ambiguousCustomerMapping,
                  let subject = raised.subject else { continue }
            let subjectKey = RecordKey(subject)
            guard let remembered = try await storeCall({ () async throws(StoreError) in try await store.mappingSuggestion(for: subjectKey) })
            else { continue }
            let mapping = RecordMapping(sourceSystem: subject.system, sourceKey: subject.key,
                                        targetSystem: remembered.target.system, targetKey: remembered.target.key)
            let note = "applied the mapping \(remembered.resolved.by) chose in \(remembered.exceptionID)"
            try await write([middleware("sim-automap-\(raised.exceptionID)", at: now, line.event.correlationID, .exceptionResolved(
                ExceptionResolved(exceptionID: raised.exceptionID, by: Self.actorName, mapping: mapping, note: note)))], into: &report)
            report.autoResolved += 1
            try await activate(line.event.correlationID, answering: raised.exceptionID, at: now, into: &report)
        }
    }

    /// Provisions the project and creates the billing schedule of `contractID`, whichever it lacks.
    func activate(_ contractID: String, answering decision: String, at now: Timestamp,
                  into report: inout SimulationStepReport) async throws(SimulatorError) {
        let contract = session?.feed.contract(contractID)
        var needsProject: Bool, needsSchedule: Bool
        if let contract {
            needsProject = contract.provisionedAt == nil
            needsSchedule = contract.scheduleCreatedAt == nil
        } else {
            let events = try await storeCall { () async throws(StoreError) in try await store.events(correlationID: contractID) }
            needsProject = !events.contains { if case .projectProvisioned = $0.event.payload { true } else { false } }
            needsSchedule = !events.contains { if case .billingScheduleCreated = $0.event.payload { true } else { false } }
        }
        guard needsProject || needsSchedule else { return }
        let number = contractID.hasPrefix("CTR-") ? String(contractID.dropFirst(4)) : contractID
        var events: [(event: CanonicalEvent, json: String)] = []
        if needsProject {
            events.append(system(.psa, "sim-activate-\(decision)-project", at: now, contractID,
                                 .projectProvisioned(ProjectProvisioned(contractID: contractID, projectID: "PRJ-" + number))))
        }
        if needsSchedule {
            events.append(system(.erp, "sim-activate-\(decision)-schedule", at: now, contractID,
                                 .billingScheduleCreated(BillingScheduleCreated(contractID: contractID, scheduleID: "BS-" + number))))
        }
        try await write(events, into: &report)
        contract?.activated(provisionedAt: now, scheduleCreatedAt: now)
        report.activations += 1
    }

    private func middleware(_ id: String, at time: Timestamp, _ correlation: String, _ payload: EventPayload) -> (event: CanonicalEvent, json: String) {
        system(.middleware, id, at: time, correlation, payload)
    }

    private func system(_ source: SourceSystem, _ id: String, at time: Timestamp, _ correlation: String,
                        _ payload: EventPayload) -> (event: CanonicalEvent, json: String) {
        let event = CanonicalEvent(eventID: id, occurredAt: time, source: source, correlationID: correlation, payload: payload)
        return (event, event.jsonLine)
    }

    private static func replayFailure(for kind: ExceptionKind?, using random: inout SimulationRandom) -> String {
        switch kind {
        case .provisioningFailed: "PSA rejected the project again: " + random.pick(Catalog.provisioningFailures).message
        case .postingFailed: random.pick(["ERP rejected the invoice again: accounting period is closed",
                                          "ERP timed out after 60 s; the invoice was not posted"])
        default: random.pick(["target system rejected the replay: the record changed since the failure",
                              "target system did not answer within 30 s"])
        }
    }
}

/// FNV-1a of `text`: a stable stream number for per-request random choices.
func stableHash(_ text: String) -> UInt64 {
    text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
}
