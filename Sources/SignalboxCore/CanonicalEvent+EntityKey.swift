extension CanonicalEvent {
    /// The id of the business object the event is about, indexed for look-ups: the contract for
    /// contract, project, billing-schedule and amendment events; the time entry, milestone, invoice,
    /// exception or reprocess request otherwise.
    public var entityKey: String {
        switch payload {
        case .contractApproved(let data): data.contractID
        case .contractAmended(let data): data.contractID
        case .projectProvisioned(let data): data.contractID
        case .projectProvisioningFailed(let data): data.contractID
        case .billingScheduleCreated(let data): data.contractID
        case .amendmentApplied(let data): data.contractID
        case .timeApproved(let data): data.timeEntryID
        case .milestoneAccepted(let data): data.milestoneID
        case .invoicePosted(let data): data.invoiceID
        case .paymentReceived(let data): data.invoiceID
        case .exceptionRaised(let data): data.exceptionID
        case .exceptionClaimed(let data): data.exceptionID
        case .exceptionReleased(let data): data.exceptionID
        case .exceptionResolved(let data): data.exceptionID
        case .exceptionDismissed(let data): data.exceptionID
        case .exceptionNoted(let data): data.exceptionID
        case .reprocessRequested(let data): data.exceptionID
        case .reprocessApproved(let data): data.requestID
        case .reprocessCompleted(let data): data.requestID
        case .reprocessPolicyChanged: ReprocessPolicy.correlationID
        }
    }
}
