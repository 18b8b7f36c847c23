/// The systems that emit canonical events.
public enum SourceSystem: String, CaseIterable, Sendable, Codable {
    case crm = "CRM", clm = "CLM", psa = "PSA", erp = "ERP", billing = "BILLING", hcm = "HCM"
    case middleware = "MIDDLEWARE", console = "CONSOLE"
}

/// Every canonical event type of v1.
public enum EventType: String, CaseIterable, Sendable, Codable {
    case contractApproved = "contract.approved"
    case contractAmended = "contract.amended"
    case projectProvisioned = "project.provisioned"
    case projectProvisioningFailed = "project.provisioning_failed"
    case billingScheduleCreated = "billing_schedule.created"
    case amendmentApplied = "amendment.applied"
    case timeApproved = "time.approved"
    case milestoneAccepted = "milestone.accepted"
    case invoicePosted = "invoice.posted"
    case paymentReceived = "payment.received"
    case exceptionRaised = "exception.raised"
    case exceptionClaimed = "exception.claimed"
    case exceptionReleased = "exception.released"
    case exceptionResolved = "exception.resolved"
    case exceptionDismissed = "exception.dismissed"
    /// Extension: a free-text note on an exception (source `CONSOLE`).
    case exceptionNoted = "exception.noted"
    case reprocessRequested = "reprocess.requested"
    case reprocessApproved = "reprocess.approved"
    case reprocessCompleted = "reprocess.completed"
    /// Extension: the reprocess policy was changed (source `CONSOLE`, sealed into the audit chain).
    case reprocessPolicyChanged = "reprocess.policy_changed"
}

public enum BillingModel: String, CaseIterable, Sendable, Codable {
    case fixedFee = "fixed_fee", timeAndMaterials = "time_and_materials", milestone, retainer
}

public enum ExceptionKind: String, CaseIterable, Sendable, Codable {
    case ambiguousCustomerMapping = "ambiguous_customer_mapping"
    case missingMasterData = "missing_master_data"
    case rateMismatch = "rate_mismatch"
    case amendmentConflict = "amendment_conflict"
    case timeAfterCutoff = "time_after_cutoff"
    case duplicateEvent = "duplicate_event"
    case postingFailed = "posting_failed"
    case provisioningFailed = "provisioning_failed"
    case schemaViolation = "schema_violation"
}

public enum Severity: String, CaseIterable, Sendable, Codable, Comparable {
    case low, medium, high, critical

    /// 0 for low up to 3 for critical, as stored in `severity_rank`.
    public var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The system an amendment is propagated to.
public enum AmendmentTarget: String, CaseIterable, Sendable, Codable {
    case psa = "PSA", erp = "ERP"
}

public enum ReprocessOutcome: String, CaseIterable, Sendable, Codable {
    case succeeded, failed
}
