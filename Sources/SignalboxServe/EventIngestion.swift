import SignalboxCore
import SignalboxStore

/// What `POST /v1/events` answers: an HTTP status, a JSON document and, while the store is unavailable, how long
/// the client should wait before retrying.
struct IngestReply: Sendable {
    var status: Int
    var document: JSONValue
    var retryAfterSeconds: Int?
}

/// Stores one request's events through the same decoder and the same store write as `signalbox ingest`: strict
/// validation, idempotency on `event_id`, rejected lines kept. A request is one transaction, so it is stored whole
/// or not at all.
struct EventIngestion: Sendable {
    let store: any EventIngesting
    let pipeline: IngestPipeline
    /// What a 503 tells the client to wait.
    let retryAfterSeconds: Int
    let metrics: ServiceMetrics

    /// How a body holds its events.
    enum BodyFormat: Sendable {
        /// JSON Lines: one event per line (`application/x-ndjson`).
        case lines
        /// One JSON event, which may span lines (`application/json`).
        case singleEvent
    }

    /// Validates and stores `body` for the token `grant`. Events of a source the token may not write refuse the whole
    /// request (403, nothing stored).
    func ingest(body: [UInt8], format: BodyFormat, grant: IngestToken) async -> IngestReply {
        // The same body gets the same name, so a retried batch's rejected lines are not kept twice.
        let sourceName = "http:\(grant.name):\(IngestToken.digest(bytes: body).prefix(16))"
        let batch = await pipeline.decode(body: format == .singleEvent ? Self.oneLine(body) : body, sourceName: sourceName)
        let outOfScope = batch.lines.compactMap { line -> JSONValue? in
            guard case .event(let event, _, let origin) = line, !grant.sources.contains(event.source) else { return nil }
            return .object(["line": .number(String(origin?.lineNumber ?? 0)), "source": .string(event.source.rawValue)])
        }
        if !outOfScope.isEmpty {
            let allowed = grant.sources.map(\.rawValue).sorted().joined(separator: ", ")
            return IngestReply(status: 403, document: .object([
                "error": .string("the token \(grant.name) may write \(allowed) events only; nothing was stored"),
                "lines": .array(outOfScope),
            ]))
        }
        let summary: IngestSummary
        do {
            summary = try await store.ingest(batch)
        } catch {
            return Self.failure(error, retryAfter: retryAfterSeconds)
        }
        metrics.count(summary)
        // The decoder's rejections and the store's refusals (events that break the exception rules), in line order.
        let decoded = batch.lines.compactMap { line -> RejectedLine? in
            guard case .rejected(let rejected) = line else { return nil }
            return rejected
        }
        let rejections = (decoded + summary.refusals).sorted { $0.lineNumber < $1.lineNumber }.map { rejected -> JSONValue in
            .object(["line": .number(String(rejected.lineNumber)), "reason": .string(rejected.reason)])
        }
        return IngestReply(status: summary.rejected > 0 ? 422 : 200, document: .object([
            "accepted": .number(String(summary.accepted)),
            "duplicates": .number(String(summary.duplicates)),
            "rejected": .number(String(summary.rejected)),
            "rejected_lines": .array(rejections),
            "source_name": .string(sourceName),
        ]))
    }

    /// A store failure: 503 with Retry-After while the store cannot be reached or is a replica, else 500.
    static func failure(_ error: StoreError, retryAfter: Int) -> IngestReply {
        switch error {
        case .unavailable, .readOnlyReplica:
            IngestReply(status: 503, document: .object(["error": .string("\(error.description); nothing was stored")]),
                        retryAfterSeconds: retryAfter)
        default:
            IngestReply(status: 500, document: .object(["error": .string("\(error.description); nothing was stored")]))
        }
    }

    /// One JSON event as one line: compacted when it parses, else with its line breaks as spaces, so it is rejected
    /// (and kept) as one line saying why.
    static func oneLine(_ body: [UInt8]) -> [UInt8] {
        if let value = try? JSONParser.parse(body) { return Array(value.serialized.utf8) }
        return body.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
    }
}
