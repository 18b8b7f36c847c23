/// Where an exception stands, as shown to users.
///
/// Derived from the record in this order of precedence: closed (resolved or
/// dismissed), a reprocess approved and awaiting completion, a reprocess
/// awaiting approval, claimed, open. Who holds the claim is shown separately
/// as the record's `assignee`, since a claimed exception can also have a
/// reprocess in flight.
public enum ExceptionState: Hashable, Sendable, CustomStringConvertible {
    case open
    case claimed(by: String, since: Timestamp)
    case reprocessPendingApproval(requestID: String, requestedBy: String, since: Timestamp)
    case reprocessing(requestID: String, approvedBy: String, since: Timestamp)
    case resolved(by: String, at: Timestamp)
    case dismissed(by: String, reason: String, at: Timestamp)

    /// True for resolved and dismissed exceptions.
    public var isClosed: Bool {
        switch self {
        case .resolved, .dismissed: true
        case .open, .claimed, .reprocessPendingApproval, .reprocessing: false
        }
    }

    /// A short label: `open`, `claimed by bob`, `reprocess pending approval`, …
    public var description: String {
        switch self {
        case .open: "open"
        case .claimed(let by, _): "claimed by \(by)"
        case .reprocessPendingApproval(_, let by, _): "reprocess pending approval (requested by \(by))"
        case .reprocessing(_, let by, _): "reprocessing (approved by \(by))"
        case .resolved(let by, _): "resolved by \(by)"
        case .dismissed(let by, _, _): "dismissed by \(by)"
        }
    }
}

/// How an exception was resolved.
public struct ExceptionResolution: Hashable, Sendable {
    /// The mapping chosen, for mapping ambiguities.
    public var mapping: RecordMapping?
    public var note: String?

    public init(mapping: RecordMapping? = nil, note: String? = nil) {
        self.mapping = mapping
        self.note = note
    }
}
