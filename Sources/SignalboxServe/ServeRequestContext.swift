import Hummingbird

/// The request context of `signalbox serve`: Hummingbird's core storage and the request's id, which the access
/// log and `X-Request-Id` carry.
struct ServeRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by ``AccessLogMiddleware`` before any route runs.
    var requestID = ""

    init(source: ApplicationRequestContextSource) { coreContext = .init(source: source) }
}
