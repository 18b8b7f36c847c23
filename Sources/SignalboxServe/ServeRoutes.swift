import Hummingbird
import NIOCore
import SignalboxCore
import SignalboxStore

/// The endpoints: `POST /v1/events`, `GET /metrics`, `GET /v1/signals`, `GET /healthz`, `GET /readyz`.
struct ServeRoutes: Sendable {
    let store: any EventStore
    let settings: ServeSettings
    let ingestion: EventIngestion
    let snapshots: SignalSnapshots
    let metrics: ServiceMetrics
    let clock: @Sendable () -> Timestamp

    func add(to router: Router<ServeRequestContext>) {
        router.post("/v1/events") { request, context in try await events(request, context: context) }
        router.get("/metrics") { _, _ in await exposition() }
        router.get("/v1/signals") { request, _ in await signals(request) }
        router.get("/healthz") { _, _ in Self.json(200, .object(["status": "ok"])) }
        router.get("/readyz") { _, _ in await readiness() }
    }

    private func events(_ request: Request, context: ServeRequestContext) async throws -> Response {
        guard let grant = bearer(request).flatMap(settings.tokens.grant(bearer:)) else {
            var response = Self.json(401, .object(["error": "a valid bearer token is required (Authorization: Bearer TOKEN)"]))
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        let format: EventIngestion.BodyFormat
        switch Self.mediaType(request.headers[.contentType]) {
        case nil, "application/x-ndjson", "application/jsonl", "application/json-lines", "application/jsonlines":
            format = .lines
        case "application/json": format = .singleEvent
        case let other?:
            return Self.json(415, .object(["error": .string("unsupported content type \(other.debugDescription): send application/x-ndjson or application/json")]))
        }
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > settings.bodyLimit {
            return tooLarge()
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: settings.bodyLimit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return tooLarge()
        }
        let reply = await ingestion.ingest(body: Array(buffer.readableBytesView), format: format, grant: grant)
        context.logger.info("ingest", metadata: [
            "request_id": .string(context.requestID), "token": .string(grant.name), "status": .stringConvertible(reply.status),
            "reply": .string(reply.status == 200 || reply.status == 422 ? reply.document.serialized : "-"),
        ])
        return Self.json(reply.status, reply.document, retryAfter: reply.retryAfterSeconds)
    }

    private func tooLarge() -> Response {
        Self.json(413, .object(["error": .string("the body is larger than the \(settings.bodyLimit)-byte limit; nothing was stored: send smaller batches")]))
    }

    private func exposition() async -> Response {
        do {
            let snapshot = try await snapshots.current()
            var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: snapshot.exposition + metrics.exposition)))
            response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return response
        } catch {
            return unavailable(error)
        }
    }

    private func signals(_ request: Request) async -> Response {
        let query = request.uri.queryParameters
        var asOf = clock()
        var window = settings.window
        do {
            if let text = query.get("as_of") { asOf = try Timestamp(rfc3339: text) }
            if let text = query.get("window") { window = try SignalDuration(parsing: text) }
        } catch {
            return Self.json(400, .object(["error": .string("\(error)")]))
        }
        do {
            return Self.json(200, try await store.signals(asOf: asOf, window: window).jsonDocument)
        } catch {
            return unavailable(error)
        }
    }

    /// Ready when the store answers a query and its change feed is up (PostgreSQL's listening connection).
    private func readiness() async -> Response {
        do {
            _ = try await store.changeToken()
            _ = try await store.eventsNotYetInSignals()
            return Self.json(200, .object(["status": "ready", "store": .string(store.displayName)]))
        } catch {
            return unavailable(error)
        }
    }

    private func unavailable(_ error: StoreError) -> Response {
        let reply = EventIngestion.failure(error, retryAfter: settings.retryAfterSeconds)
        return Self.json(reply.status, .object(["error": .string(error.description)]), retryAfter: reply.retryAfterSeconds)
    }

    private func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1])
    }

    /// `application/json; charset=utf-8` → `application/json`.
    static func mediaType(_ value: String?) -> String? {
        value.map { String($0.split(separator: ";", maxSplits: 1).first ?? "").lowercased().filter { $0 != " " } }
    }

    static func json(_ status: Int, _ document: JSONValue, retryAfter: Int? = nil) -> Response {
        var response = Response(status: .init(code: status), body: .init(byteBuffer: ByteBuffer(string: document.serialized + "\n")))
        response.headers[.contentType] = "application/json"
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
