import SignalboxCore

/// A reprocess request with its exception, for `reprocess list`.
public struct ReprocessRequestRow: Equatable, Sendable {
    public var request: ReprocessRequest
    public var exceptionID: String
    /// Whether the exception was resolved or dismissed (a request not completed by then is cancelled).
    public var exceptionClosed: Bool

    public init(request: ReprocessRequest, exceptionID: String, exceptionClosed: Bool) {
        self.request = request
        self.exceptionID = exceptionID
        self.exceptionClosed = exceptionClosed
    }

    public var status: ReprocessRequest.Status { request.status(exceptionClosed: exceptionClosed) }
}
