import SignalboxCore

extension StoreError {
    /// A refused action: a stale view is a conflict, anything else a rule's refusal, in the rule's words.
    public init(_ error: ExceptionActionError) {
        if case .changedSinceSeen = error { self = .conflict(error.description) } else { self = .rejected(error.description) }
    }
}
