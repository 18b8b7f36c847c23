import SignalboxCore

extension StoreError {
    /// A refused action: a stale view is a conflict, anything else a rule's refusal, in the rule's words.
    public init(_ error: ExceptionActionError) {
        switch error {
        case .changedSinceSeen: self = .conflict(error.description)
        case .policyChangeNotPermitted: self = .permissionDenied(error.description)
        default: self = .rejected(error.description)
        }
    }
}
