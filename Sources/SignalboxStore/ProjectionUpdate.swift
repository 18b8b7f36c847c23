import SignalboxCore

/// What one stored event changes in the store's projections (the fast views signals read).
///
/// Both stores derive their projection writes from this one mapping, so SQLite and
/// PostgreSQL agree on what each event means.
public enum ProjectionUpdate: Equatable, Sendable {
    /// `contract.approved`: keep the earliest approval time (and the customer's name from it).
    case contractApproved(ContractApproved, at: Timestamp)
    /// `project.provisioned` (succeeded) or `project.provisioning_failed`: earliest success, first attempt.
    case provisioningAttempt(contractID: String, at: Timestamp, succeeded: Bool)
    /// `billing_schedule.created`: keep the earliest.
    case billingScheduleCreated(contractID: String, at: Timestamp)
    /// `time.approved`: the latest approval of a time entry wins.
    case timeApproved(TimeApproved, at: Timestamp)
    /// `invoice.posted`: the time entries it bills, at the invoice's time.
    case timeInvoiced(timeEntryIDs: [String], at: Timestamp)
    /// `exception.raised`: earliest raise; the latest raise's kind, severity and summary.
    case exceptionRaised(ExceptionRaised, correlationID: String, at: Timestamp)
    /// `exception.resolved` or `exception.dismissed`: keep the earliest closing time, and which type closed it then.
    case exceptionClosed(exceptionID: String, at: Timestamp, dismissed: Bool)

    /// The updates an event causes, in order.
    public static func updates(for event: CanonicalEvent) -> [ProjectionUpdate] {
        let at = event.occurredAt
        switch event.payload {
        case .contractApproved(let data): return [.contractApproved(data, at: at)]
        case .projectProvisioned(let data): return [.provisioningAttempt(contractID: data.contractID, at: at, succeeded: true)]
        case .projectProvisioningFailed(let data):
            return [.provisioningAttempt(contractID: data.contractID, at: at, succeeded: false)]
        case .billingScheduleCreated(let data): return [.billingScheduleCreated(contractID: data.contractID, at: at)]
        case .timeApproved(let data): return [.timeApproved(data, at: at)]
        case .invoicePosted(let data):
            let entries = Array(Set(data.lines.compactMap(\.timeEntryID))).sorted()
            return entries.isEmpty ? [] : [.timeInvoiced(timeEntryIDs: entries, at: at)]
        case .exceptionRaised(let data): return [.exceptionRaised(data, correlationID: event.correlationID, at: at)]
        case .exceptionResolved(let data): return [.exceptionClosed(exceptionID: data.exceptionID, at: at, dismissed: false)]
        case .exceptionDismissed(let data): return [.exceptionClosed(exceptionID: data.exceptionID, at: at, dismissed: true)]
        case .contractAmended, .amendmentApplied, .milestoneAccepted, .paymentReceived, .exceptionClaimed,
             .exceptionReleased, .exceptionNoted, .reprocessRequested, .reprocessApproved, .reprocessCompleted,
             .reprocessPolicyChanged:
            return []
        }
    }
}
