/// Every exception in a log, folded incrementally.
///
/// Routes lifecycle events by `exception_id` and `reprocess.approved` /
/// `reprocess.completed` by the `request_id` of an earlier `reprocess.requested`.
/// Events about an exception whose `exception.raised` has not been logged yet
/// are held and applied, in log order, when it arrives. Approvals or completions
/// naming a request never requested are not about any known exception and are dropped.
///
/// ```swift
/// var ledger = ExceptionLedger()
/// for logged in log { ledger.apply(logged) }
/// ledger.records.filter { !$0.isClosed }
/// ```
public struct ExceptionLedger: Hashable, Sendable {
    private var recordsByID: [String: ExceptionRecord] = [:]
    private var raiseOrder: [String] = []
    private var requestOwners: [String: String] = [:]
    private var awaitingRaise: [String: [LoggedEvent]] = [:]

    public init() {}

    /// Folds `events` in log order.
    public init(events: [LoggedEvent]) {
        for logged in events.sorted(by: { $0.sequence < $1.sequence }) { apply(logged) }
    }

    /// The records, in the order they were first raised in the log.
    public var records: [ExceptionRecord] { raiseOrder.compactMap { recordsByID[$0] } }

    /// The record for an exception id.
    public subscript(exceptionID: String) -> ExceptionRecord? { recordsByID[exceptionID] }

    /// Applies one event (the next in log order); events that are not about exceptions are ignored.
    public mutating func apply(_ logged: LoggedEvent) {
        let payload = logged.event.payload
        if case .reprocessRequested(let data) = payload { requestOwners[data.requestID] = data.exceptionID }
        guard let exceptionID = payload.exceptionID ?? payload.reprocessRequestID.flatMap({ requestOwners[$0] }) else {
            return
        }
        if recordsByID[exceptionID] != nil {
            recordsByID[exceptionID]?.apply(logged)
        } else if case .exceptionRaised(let data) = payload {
            var record = ExceptionRecord(raised: data, correlationID: logged.event.correlationID, at: logged.event.occurredAt)
            for held in awaitingRaise.removeValue(forKey: exceptionID) ?? [] { record.apply(held) }
            record.apply(logged)
            recordsByID[exceptionID] = record
            raiseOrder.append(exceptionID)
        } else {
            awaitingRaise[exceptionID, default: []].append(logged)
        }
    }
}
