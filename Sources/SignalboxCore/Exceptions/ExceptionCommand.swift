/// An action a user takes on an exception in the console or CLI.
public enum ExceptionCommand: Hashable, Sendable {
    /// Take the exception: others cannot act on it until it is released.
    case claim
    /// Let go of a claim you hold.
    case release
    /// Close it as fixed; for mapping ambiguities, say which record the subject is.
    case resolve(ResolutionChoice, note: String?)
    /// Close it without action; the reason is required.
    case dismiss(reason: String)
    /// Leave a comment.
    case note(String)
    /// Ask for the failed event to be processed again (needs a second person's approval by default).
    case requestReprocess
    /// Approve a pending reprocess request.
    case approveReprocess(requestID: String)
}

/// What a resolution says the subject maps to.
public enum ResolutionChoice: Hashable, Sendable {
    /// One of the exception's candidates, by zero-based position in `candidates`.
    case candidate(index: Int)
    /// A record typed by the user. `system` may be omitted when all candidates share one system.
    case target(key: String, system: String?)
    /// Fixed without a mapping (the note then says what was done, and is required).
    case noMapping
}
