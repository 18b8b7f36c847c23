extension ExceptionRules {
    /// Why `actor` may not do `command` on `record` as it stands, or nil when the rules allow it: the console asks
    /// this before it asks `y/N`, so a user is never asked to confirm what will be refused. The store decides
    /// again when it writes (the exception may change in between). `policy` is the store's reprocess policy;
    /// nil when not known, and then a self-approval is left for the store to judge.
    public static func refusal(of command: ExceptionCommand, on record: ExceptionRecord, by actor: String,
                               policy: ReprocessPolicy?, now: Timestamp) -> ExceptionActionError? {
        var ids = UnusedIdentifiers()
        do {
            _ = try decide(command, on: record, by: actor, seenVersion: record.version,
                           policy: policy ?? ReprocessPolicy(fourEyes: false), now: now, ids: &ids)
            return nil
        } catch {
            return error
        }
    }
}

/// Identifiers for a decision that is only asked, never written.
private struct UnusedIdentifiers: IdentifierSource {
    mutating func next() -> String { "unused" }
}
