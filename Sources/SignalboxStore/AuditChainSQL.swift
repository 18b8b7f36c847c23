import SignalboxCore

/// The SQL both stores use to read the audit chain.
public enum AuditChainSQL {
    /// The `WHERE` condition selecting the rows the chain covers, by their columns (``AuditChain/isChained(_:)``).
    public static let chainedCondition = "(source = 'CONSOLE' OR type IN ("
        + AuditChain.chainedTypes.map { "'\($0.rawValue)'" }.joined(separator: ", ") + "))"

    /// The columns of an ``AuditRow``, in the order ``row(sequence:columns:payload:)`` takes them.
    public static let columns = "seq, event_id, type, occurred_at, source, correlation_id, entity_key, payload"
}
