import SignalboxCore

/// Which exceptions to list, in which order, from where (keyset pagination).
public struct ExceptionQuery: Equatable, Sendable {
    public var includeClosed = false
    public var kinds: Set<ExceptionKind> = []
    public var severities: Set<Severity> = []
    public var states: Set<QueueState> = []
    /// Only exceptions claimed by this user.
    public var assignee: String?
    /// Case-insensitive text found in the id, summary, subject or contract.
    public var text: String?
    /// Only exceptions raised at least this long before `now`.
    public var minimumAge: SignalDuration?
    /// Only exceptions about this subject.
    public var subject: RecordKey?
    public var sort: ExceptionSortKey = .age
    public var descending = false
    /// Close mode: exceptions with money at risk (an amount above zero) raised before this cutoff come first,
    /// each part in `sort` order; `nil` sorts by `sort` alone.
    public var atRiskFirstBefore: Timestamp?
    /// Continue after this row (the last row of the previous page).
    public var after: ExceptionCursor?
    public var limit = 100

    public init() {}
}
