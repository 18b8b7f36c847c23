import Hummingbird
import HTTPTypes
import Logging

/// Gives every request an id (the client's `X-Request-Id` when it is a sane one, else a fresh one), echoes it on
/// the response, writes one access-log line per request and records its duration. The log never holds a header's
/// value (so never a token), only the method, path, status, sizes, duration and id.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServeRequestContext

    let logger: Logger
    let metrics: ServiceMetrics

    static let requestIDField = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        metrics.requestStarted()
        defer { metrics.requestFinished() }
        var context = context
        context.requestID = Self.acceptedID(request.headers[Self.requestIDField]) ?? Self.freshID()
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // Hummingbird answers 500; the log says so, and why.
            log(request, context: context, status: 500, started: started, error: "\(error)")
            throw error
        }
        response.headers[Self.requestIDField] = context.requestID
        log(request, context: context, status: response.status.code, started: started, error: nil)
        return response
    }

    private func log(_ request: Request, context: Context, status: Int, started: ContinuousClock.Instant, error: String?) {
        let duration = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: status, duration: duration)
        var metadata: Logger.Metadata = [
            "request_id": .string(context.requestID),
            "method": .string(request.method.rawValue),
            "path": .string(Self.printable(request.uri.path)),
            "route": .string(route),
            "status": .stringConvertible(status),
            "request_bytes": .string(request.headers[.contentLength] ?? "-"),
            "duration_ms": .string(Self.milliseconds(duration)),
        ]
        if let error { metadata["error"] = .string(error) }
        logger.log(level: status >= 500 ? .error : .info, "request", metadata: metadata)
    }

    /// A client's id is kept when it is 1–128 characters of letters, digits, `-`, `_`, `.` and `:`.
    static func acceptedID(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count),
              value.utf8.allSatisfy({ Self.idBytes.contains($0) }) else { return nil }
        return value
    }

    private static let idBytes = Set(Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:".utf8))

    static func freshID() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The path with anything outside printable ASCII escaped, so a log line stays one line of plain text.
    static func printable(_ path: String) -> String {
        path.unicodeScalars.map { (0x21...0x7E).contains($0.value) ? String($0) : "%" + String($0.value, radix: 16, uppercase: true) }
            .joined()
    }

    static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let fraction = String(micros % 1000)
        return "\(micros / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
