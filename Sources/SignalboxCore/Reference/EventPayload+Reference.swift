/// Typed views of the payloads the reference calculator reads, usable as key paths: `log.facts(\.timeApproved)`.
extension EventPayload {
    var contractApproved: ContractApproved? {
        if case .contractApproved(let data) = self { return data }
        return nil
    }

    var contractAmended: ContractAmended? {
        if case .contractAmended(let data) = self { return data }
        return nil
    }

    var projectProvisioned: ProjectProvisioned? {
        if case .projectProvisioned(let data) = self { return data }
        return nil
    }

    var projectProvisioningFailed: ProjectProvisioningFailed? {
        if case .projectProvisioningFailed(let data) = self { return data }
        return nil
    }

    var billingScheduleCreated: BillingScheduleCreated? {
        if case .billingScheduleCreated(let data) = self { return data }
        return nil
    }

    var amendmentApplied: AmendmentApplied? {
        if case .amendmentApplied(let data) = self { return data }
        return nil
    }

    var timeApproved: TimeApproved? {
        if case .timeApproved(let data) = self { return data }
        return nil
    }

    var milestoneAccepted: MilestoneAccepted? {
        if case .milestoneAccepted(let data) = self { return data }
        return nil
    }

    var invoicePosted: InvoicePosted? {
        if case .invoicePosted(let data) = self { return data }
        return nil
    }

    var paymentReceived: PaymentReceived? {
        if case .paymentReceived(let data) = self { return data }
        return nil
    }

    var exceptionRaised: ExceptionRaised? {
        if case .exceptionRaised(let data) = self { return data }
        return nil
    }

    /// The `exception_id` of an `exception.resolved` or `exception.dismissed`: an event that closes an exception.
    var closedExceptionID: String? {
        switch self {
        case .exceptionResolved(let data): data.exceptionID
        case .exceptionDismissed(let data): data.exceptionID
        default: nil
        }
    }

    /// The closing event's `exception_id` and whether it is a dismissal.
    var exceptionClosing: (exceptionID: String, dismissed: Bool)? {
        switch self {
        case .exceptionResolved(let data): (data.exceptionID, false)
        case .exceptionDismissed(let data): (data.exceptionID, true)
        default: nil
        }
    }
}
