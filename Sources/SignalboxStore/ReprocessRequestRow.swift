import SignalboxCore

/// A reprocess request with its exception, for `reprocess list`.
public struct ReprocessRequestRow: Equatable, Sendable {
    public var request: ReprocessRequest
    public var exceptionID: String

    public init(request: ReprocessRequest, exceptionID: String) {
        self.request = request
        self.exceptionID = exceptionID
    }
}
