/// The type-specific `data` of a canonical event, validated.
public enum EventPayload: Hashable, Sendable {
    case contractApproved(ContractApproved)
    case contractAmended(ContractAmended)
    case projectProvisioned(ProjectProvisioned)
    case projectProvisioningFailed(ProjectProvisioningFailed)
    case billingScheduleCreated(BillingScheduleCreated)
    case amendmentApplied(AmendmentApplied)
    case timeApproved(TimeApproved)
    case milestoneAccepted(MilestoneAccepted)
    case invoicePosted(InvoicePosted)
    case paymentReceived(PaymentReceived)
    case exceptionRaised(ExceptionRaised)
    case exceptionClaimed(ExceptionActor)
    case exceptionReleased(ExceptionActor)
    case exceptionResolved(ExceptionResolved)
    case exceptionDismissed(ExceptionDismissed)
    case exceptionNoted(ExceptionNoted)
    case reprocessRequested(ReprocessRequested)
    case reprocessApproved(ReprocessApproved)
    case reprocessCompleted(ReprocessCompleted)
    case reprocessPolicyChanged(ReprocessPolicyChanged)

    /// Validates `data` for an event of `type`; errors name fields as `data.…`. `moneyToTheCent`: see
    /// ``FieldReader/moneyToTheCent``.
    public init(type: EventType, data: JSONObject, moneyToTheCent: Bool = true) throws(EventFieldError) {
        let reader = FieldReader(data, path: "data", moneyToTheCent: moneyToTheCent)
        switch type {
        case .contractApproved: self = .contractApproved(try ContractApproved(reader))
        case .contractAmended: self = .contractAmended(try ContractAmended(reader))
        case .projectProvisioned: self = .projectProvisioned(try ProjectProvisioned(reader))
        case .projectProvisioningFailed: self = .projectProvisioningFailed(try ProjectProvisioningFailed(reader))
        case .billingScheduleCreated: self = .billingScheduleCreated(try BillingScheduleCreated(reader))
        case .amendmentApplied: self = .amendmentApplied(try AmendmentApplied(reader))
        case .timeApproved: self = .timeApproved(try TimeApproved(reader))
        case .milestoneAccepted: self = .milestoneAccepted(try MilestoneAccepted(reader))
        case .invoicePosted: self = .invoicePosted(try InvoicePosted(reader))
        case .paymentReceived: self = .paymentReceived(try PaymentReceived(reader))
        case .exceptionRaised: self = .exceptionRaised(try ExceptionRaised(reader))
        case .exceptionClaimed: self = .exceptionClaimed(try ExceptionActor(reader))
        case .exceptionReleased: self = .exceptionReleased(try ExceptionActor(reader))
        case .exceptionResolved: self = .exceptionResolved(try ExceptionResolved(reader))
        case .exceptionDismissed: self = .exceptionDismissed(try ExceptionDismissed(reader))
        case .exceptionNoted: self = .exceptionNoted(try ExceptionNoted(reader))
        case .reprocessRequested: self = .reprocessRequested(try ReprocessRequested(reader))
        case .reprocessApproved: self = .reprocessApproved(try ReprocessApproved(reader))
        case .reprocessCompleted: self = .reprocessCompleted(try ReprocessCompleted(reader))
        case .reprocessPolicyChanged: self = .reprocessPolicyChanged(try ReprocessPolicyChanged(reader))
        }
    }

    /// The event type this payload belongs to.
    public var type: EventType {
        switch self {
        case .contractApproved: .contractApproved
        case .contractAmended: .contractAmended
        case .projectProvisioned: .projectProvisioned
        case .projectProvisioningFailed: .projectProvisioningFailed
        case .billingScheduleCreated: .billingScheduleCreated
        case .amendmentApplied: .amendmentApplied
        case .timeApproved: .timeApproved
        case .milestoneAccepted: .milestoneAccepted
        case .invoicePosted: .invoicePosted
        case .paymentReceived: .paymentReceived
        case .exceptionRaised: .exceptionRaised
        case .exceptionClaimed: .exceptionClaimed
        case .exceptionReleased: .exceptionReleased
        case .exceptionResolved: .exceptionResolved
        case .exceptionDismissed: .exceptionDismissed
        case .exceptionNoted: .exceptionNoted
        case .reprocessRequested: .reprocessRequested
        case .reprocessApproved: .reprocessApproved
        case .reprocessCompleted: .reprocessCompleted
        case .reprocessPolicyChanged: .reprocessPolicyChanged
        }
    }

    /// The `data` object as JSON.
    public var json: JSONObject {
        switch self {
        case .contractApproved(let data): data.json
        case .contractAmended(let data): data.json
        case .projectProvisioned(let data): data.json
        case .projectProvisioningFailed(let data): data.json
        case .billingScheduleCreated(let data): data.json
        case .amendmentApplied(let data): data.json
        case .timeApproved(let data): data.json
        case .milestoneAccepted(let data): data.json
        case .invoicePosted(let data): data.json
        case .paymentReceived(let data): data.json
        case .exceptionRaised(let data): data.json
        case .exceptionClaimed(let data): data.json
        case .exceptionReleased(let data): data.json
        case .exceptionResolved(let data): data.json
        case .exceptionDismissed(let data): data.json
        case .exceptionNoted(let data): data.json
        case .reprocessRequested(let data): data.json
        case .reprocessApproved(let data): data.json
        case .reprocessCompleted(let data): data.json
        case .reprocessPolicyChanged(let data): data.json
        }
    }
}
