/// One-line descriptions of events for traces and histories, and which ones mark a failure or gap.
public enum EventSummary {
    /// A short description: `project P-7 provisioned`, `provisioning failed (attempt 2, PSA_TIMEOUT): …`. An amount
    /// comes right after what happened, before names, so that a trace cut at 80 columns still shows it whole.
    public static func describe(_ event: CanonicalEvent) -> String {
        switch event.payload {
        case .contractApproved(let data):
            "contract approved: \(data.currency) \(data.totalValue), \(data.billingModel.rawValue), for \(data.customer.name)"
        case .contractAmended(let data): "amendment v\(data.version) approved (\(changedKeys(data.changes)))"
        case .projectProvisioned(let data): "project \(data.projectID) provisioned"
        case .projectProvisioningFailed(let data):
            "provisioning failed (attempt \(data.attempt), \(data.reasonCode)): \(data.message)"
        case .billingScheduleCreated(let data): "billing schedule \(data.scheduleID) created"
        case .amendmentApplied(let data): "amendment v\(data.version) applied in \(data.target.rawValue)"
        case .timeApproved(let data):
            "time \(data.timeEntryID) approved: \(data.currency) \(data.amount) (\(data.hours.formatted(minimumFractionDigits: 0)) h, \(data.resource))"
        case .milestoneAccepted(let data): "milestone \(data.milestoneID) accepted: \(data.currency) \(data.amount)"
        case .invoicePosted(let data): "invoice \(data.invoiceID) posted: \(data.currency) \(data.total), \(data.lines.count) line(s)"
        case .paymentReceived(let data): "payment for \(data.invoiceID): \(data.currency) \(data.amount)"
        case .exceptionRaised(let data): "exception \(data.exceptionID) raised [\(data.severity.rawValue)] \(data.kind.rawValue): \(data.summary)"
        case .exceptionClaimed(let data): "exception \(data.exceptionID) claimed by \(data.by)"
        case .exceptionReleased(let data): "exception \(data.exceptionID) released by \(data.by)"
        case .exceptionResolved(let data):
            "exception \(data.exceptionID) resolved by \(data.by)"
                + (data.mapping.map { ": mapped \($0.sourceSystem)/\($0.sourceKey) → \($0.targetSystem)/\($0.targetKey)" } ?? "")
                + (data.note.map { " — note: \($0)" } ?? "")
        case .exceptionDismissed(let data): "exception \(data.exceptionID) dismissed by \(data.by): \(data.reason)"
        case .exceptionNoted(let data): "note on \(data.exceptionID) by \(data.by): \(data.note)"
        case .reprocessRequested(let data): "reprocess \(data.requestID) requested by \(data.by) for \(data.exceptionID)"
        case .reprocessApproved(let data): "reprocess \(data.requestID) approved by \(data.by)"
        case .reprocessCompleted(let data):
            "reprocess \(data.requestID) \(data.outcome.rawValue)" + (data.message.map { ": \($0)" } ?? "")
        case .reprocessPolicyChanged(let data):
            "reprocess policy changed by \(data.by): \(data.from.summary) → \(data.to.summary)"
        }
    }

    /// Whether the event reports something that went wrong (drawn highlighted in traces).
    public static func isFailure(_ event: CanonicalEvent) -> Bool {
        switch event.payload {
        case .projectProvisioningFailed, .exceptionRaised: true
        case .reprocessCompleted(let data): data.outcome == .failed
        default: false
        }
    }

    private static func changedKeys(_ terms: ContractTerms) -> String {
        [terms.rateCard.map { _ in "rate card" }, terms.endDate.map { "end \($0)" },
         terms.totalValue.map { "total \($0)" }].compactMap { $0 }.joined(separator: ", ")
    }
}
