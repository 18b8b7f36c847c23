/// An exception an action was not applied to, and why.
public struct FailedAction: Equatable, Sendable {
    public var exceptionID: String
    public var error: ActionFailure

    public init(exceptionID: String, error: ActionFailure) {
        self.exceptionID = exceptionID
        self.error = error
    }
}
