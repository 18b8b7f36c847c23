import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Checks the ingested events of a batch that would change an exception against ``ExceptionRules/admit(_:on:)``,
/// in batch order, each against the exception as the stored log and the batch's earlier admitted events leave it.
/// Takes the audit chain's lock first (as every console action does), so no action slips between the check and the write.
struct PostgresIngestAdmission {
    let connection: PostgresConnection
    let logger: Logger

    /// The batch's lines with every refused event turned into a rejected line naming why; an outcome may be dated up
    /// to `clockSkew` before the decision it answers.
    func admit(_ lines: [IngestLine], clockSkew: SignalDuration) async throws -> [IngestLine] {
        let candidates = lines.indices.compactMap { index -> (Int, CanonicalEvent)? in
            guard case .event(let event, _, _) = lines[index],
                  event.source == .console || ExceptionRules.changesException(event) else { return nil }
            return (index, event)
        }
        guard !candidates.isEmpty else { return lines }
        try await PostgresEventWriter.lockAuditChain(connection, logger: logger)
        // Stored, or admitted earlier in the batch: a second delivery is a duplicate for the writer to count, not an
        // action. A refused event stays unseen, so its second copy is refused too.
        var admittedIDs = try await storedEventIDs(candidates.map(\.1.eventID))
        var requestOwners = try await storedRequestOwners(candidates.compactMap { $0.1.payload.reprocessRequestID })
        func exceptionID(of event: CanonicalEvent) -> String? {
            event.payload.exceptionID ?? event.payload.reprocessRequestID.flatMap { requestOwners[$0] }
        }
        for (_, event) in candidates {
            if case .reprocessRequested(let request) = event.payload { requestOwners[request.requestID] = request.exceptionID }
        }
        let ids = Array(Set(candidates.compactMap { exceptionID(of: $0.1) })).sorted()
        var records: [String: ExceptionRecord] = [:]
        for record in try await PostgresExceptionProjection(connection: connection, logger: logger).records(ids: ids) {
            records[record.id] = record
        }
        var admitted = lines
        var sequence = Int64.max / 2  // after every stored event: applied in batch order
        for (index, event) in candidates where !admittedIDs.contains(event.eventID) {
            guard case .event(_, let json, let origin) = lines[index] else { continue }
            let id = exceptionID(of: event)
            do throws(ExceptionActionError) {
                try ExceptionRules.admit(event, on: id.flatMap { records[$0] }, clockSkew: clockSkew)
            } catch {
                admitted[index] = .rejected(RejectedLine(refused: json, from: origin ?? .unnamed(position: index),
                                                         reason: error.description))
                continue
            }
            admittedIDs.insert(event.eventID)
            sequence += 1
            guard let id else { continue }
            if records[id] == nil, case .exceptionRaised(let raised) = event.payload {
                records[id] = ExceptionRecord(raised: raised, correlationID: event.correlationID, at: event.occurredAt)
            }
            records[id]?.apply(LoggedEvent(sequence: sequence, event: event))
        }
        return admitted
    }

    private func storedEventIDs(_ ids: [String]) async throws -> Set<String> {
        var found = Set<String>()
        for try await id in try await connection.query("SELECT event_id FROM events WHERE event_id = ANY(\(ids)::text[])",
                                                       logger: logger).decode(String.self) {
            found.insert(id)
        }
        return found
    }

    private func storedRequestOwners(_ requestIDs: [String]) async throws -> [String: String] {
        guard !requestIDs.isEmpty else { return [:] }
        var owners: [String: String] = [:]
        for try await (request, exception) in try await connection.query("""
            SELECT request_id, exception_id FROM reprocess_requests WHERE request_id = ANY(\(requestIDs)::text[])
            """, logger: logger).decode((String, String).self) {
            owners[request] = exception
        }
        return owners
    }
}
