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

    /// Validates `data` for an event of `type`; errors name fields as `data.…`.
    public init(type: EventType, data: JSONObject) throws(EventFieldError) {
        let reader = FieldReader(data, path: "data")
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
        }
    }
}

/// `contract.approved`
public struct ContractApproved: Hashable, Sendable {
    public var contractID: String
    public var customer: SystemRecord
    public var legalEntity: String
    public var currency: String
    public var billingModel: BillingModel
    public var totalValue: ExactDecimal
    public var rateCard: [RateCardEntry]
    public var startDate: CivilDate
    public var endDate: CivilDate

    public init(contractID: String, customer: SystemRecord, legalEntity: String, currency: String,
                billingModel: BillingModel, totalValue: ExactDecimal, rateCard: [RateCardEntry],
                startDate: CivilDate, endDate: CivilDate) {
        self.contractID = contractID
        self.customer = customer
        self.legalEntity = legalEntity
        self.currency = currency
        self.billingModel = billingModel
        self.totalValue = totalValue
        self.rateCard = rateCard
        self.startDate = startDate
        self.endDate = endDate
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(
            contractID: try r.string("contract_id", maxLength: 128), customer: try SystemRecord(try r.object("customer")),
            legalEntity: try r.string("legal_entity"), currency: try r.currency("currency"),
            billingModel: try r.oneOf("billing_model", BillingModel.self), totalValue: try r.decimal("total_value"),
            rateCard: try RateCardEntry.list(try r.objects("rate_card")),
            startDate: try r.date("start_date"), endDate: try r.date("end_date")
        )
        guard startDate <= endDate else { throw r.fail("end_date", "is before start_date") }
    }

    var json: JSONObject {
        [
            "contract_id": .string(contractID), "customer": customer.json, "legal_entity": .string(legalEntity),
            "currency": .string(currency), "billing_model": .string(billingModel.rawValue),
            "total_value": .decimal(totalValue), "rate_card": RateCardEntry.json(rateCard),
            "start_date": .string(startDate.isoString), "end_date": .string(endDate.isoString),
        ]
    }
}

/// `contract.amended`: an approved amendment with at least one change.
public struct ContractAmended: Hashable, Sendable {
    public var contractID: String
    public var version: Int
    public var effectiveDate: CivilDate
    public var changes: ContractTerms

    public init(contractID: String, version: Int, effectiveDate: CivilDate, changes: ContractTerms) {
        self.contractID = contractID
        self.version = version
        self.effectiveDate = effectiveDate
        self.changes = changes
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(
            contractID: try r.string("contract_id", maxLength: 128), version: try r.integer("version", minimum: 2),
            effectiveDate: try r.date("effective_date"), changes: try ContractTerms(try r.object("changes"))
        )
        guard !changes.isEmpty else {
            throw r.fail("changes", "needs at least one of rate_card, end_date, total_value")
        }
    }

    var json: JSONObject {
        [
            "contract_id": .string(contractID), "version": .number(String(version)),
            "effective_date": .string(effectiveDate.isoString), "changes": changes.json,
        ]
    }
}

/// `project.provisioned`
public struct ProjectProvisioned: Hashable, Sendable {
    public var contractID: String
    public var projectID: String

    public init(contractID: String, projectID: String) {
        self.contractID = contractID
        self.projectID = projectID
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(contractID: try r.string("contract_id", maxLength: 128), projectID: try r.string("project_id", maxLength: 128))
    }

    var json: JSONObject { ["contract_id": .string(contractID), "project_id": .string(projectID)] }
}

/// `project.provisioning_failed`
public struct ProjectProvisioningFailed: Hashable, Sendable {
    public var contractID: String
    public var attempt: Int
    public var reasonCode: String
    public var message: String

    public init(contractID: String, attempt: Int, reasonCode: String, message: String) {
        self.contractID = contractID
        self.attempt = attempt
        self.reasonCode = reasonCode
        self.message = message
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(
            contractID: try r.string("contract_id", maxLength: 128), attempt: try r.integer("attempt", minimum: 1),
            reasonCode: try r.string("reason_code"), message: try r.string("message", maxLength: 4096)
        )
    }

    var json: JSONObject {
        [
            "contract_id": .string(contractID), "attempt": .number(String(attempt)),
            "reason_code": .string(reasonCode), "message": .string(message),
        ]
    }
}

/// `billing_schedule.created`
public struct BillingScheduleCreated: Hashable, Sendable {
    public var contractID: String
    public var scheduleID: String

    public init(contractID: String, scheduleID: String) {
        self.contractID = contractID
        self.scheduleID = scheduleID
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(contractID: try r.string("contract_id", maxLength: 128), scheduleID: try r.string("schedule_id", maxLength: 128))
    }

    var json: JSONObject { ["contract_id": .string(contractID), "schedule_id": .string(scheduleID)] }
}

/// `amendment.applied`: what a target system now holds for an amendment.
public struct AmendmentApplied: Hashable, Sendable {
    public var contractID: String
    public var version: Int
    public var target: AmendmentTarget
    public var applied: ContractTerms

    public init(contractID: String, version: Int, target: AmendmentTarget, applied: ContractTerms) {
        self.contractID = contractID
        self.version = version
        self.target = target
        self.applied = applied
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(
            contractID: try r.string("contract_id", maxLength: 128), version: try r.integer("version", minimum: 1),
            target: try r.oneOf("target", AmendmentTarget.self), applied: try ContractTerms(try r.object("applied"))
        )
    }

    var json: JSONObject {
        [
            "contract_id": .string(contractID), "version": .number(String(version)),
            "target": .string(target.rawValue), "applied": applied.json,
        ]
    }
}

/// `time.approved`
public struct TimeApproved: Hashable, Sendable {
    public var timeEntryID: String
    public var contractID: String
    public var projectID: String
    public var resource: String
    public var role: String
    public var workDate: CivilDate
    public var hours: ExactDecimal
    public var rate: ExactDecimal
    public var amount: ExactDecimal
    public var currency: String

    public init(timeEntryID: String, contractID: String, projectID: String, resource: String, role: String,
                workDate: CivilDate, hours: ExactDecimal, rate: ExactDecimal, amount: ExactDecimal, currency: String) {
        self.timeEntryID = timeEntryID
        self.contractID = contractID
        self.projectID = projectID
        self.resource = resource
        self.role = role
        self.workDate = workDate
        self.hours = hours
        self.rate = rate
        self.amount = amount
        self.currency = currency
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(
            timeEntryID: try r.string("time_entry_id", maxLength: 128), contractID: try r.string("contract_id", maxLength: 128),
            projectID: try r.string("project_id", maxLength: 128), resource: try r.string("resource"),
            role: try r.string("role"), workDate: try r.date("work_date"), hours: try r.decimal("hours"),
            rate: try r.decimal("rate"), amount: try r.decimal("amount"), currency: try r.currency("currency")
        )
    }

    var json: JSONObject {
        [
            "time_entry_id": .string(timeEntryID), "contract_id": .string(contractID), "project_id": .string(projectID),
            "resource": .string(resource), "role": .string(role), "work_date": .string(workDate.isoString),
            "hours": .decimal(hours), "rate": .decimal(rate), "amount": .decimal(amount), "currency": .string(currency),
        ]
    }
}

/// `milestone.accepted`
public struct MilestoneAccepted: Hashable, Sendable {
    public var milestoneID: String
    public var contractID: String
    public var amount: ExactDecimal
    public var currency: String

    public init(milestoneID: String, contractID: String, amount: ExactDecimal, currency: String) {
        self.milestoneID = milestoneID
        self.contractID = contractID
        self.amount = amount
        self.currency = currency
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(
            milestoneID: try r.string("milestone_id", maxLength: 128), contractID: try r.string("contract_id", maxLength: 128),
            amount: try r.decimal("amount"), currency: try r.currency("currency")
        )
    }

    var json: JSONObject {
        ["milestone_id": .string(milestoneID), "contract_id": .string(contractID), "amount": .decimal(amount), "currency": .string(currency)]
    }
}

/// `invoice.posted`
public struct InvoicePosted: Hashable, Sendable {
    public var invoiceID: String
    public var contractID: String
    public var currency: String
    public var total: ExactDecimal
    public var lines: [InvoiceLine]

    public init(invoiceID: String, contractID: String, currency: String, total: ExactDecimal, lines: [InvoiceLine]) {
        self.invoiceID = invoiceID
        self.contractID = contractID
        self.currency = currency
        self.total = total
        self.lines = lines
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        var lines: [InvoiceLine] = []
        for line in try r.objects("lines") { lines.append(try InvoiceLine(line)) }
        self.init(
            invoiceID: try r.string("invoice_id", maxLength: 128), contractID: try r.string("contract_id", maxLength: 128),
            currency: try r.currency("currency"), total: try r.decimal("total", allowNegative: true), lines: lines
        )
    }

    var json: JSONObject {
        [
            "invoice_id": .string(invoiceID), "contract_id": .string(contractID), "currency": .string(currency),
            "total": .decimal(total), "lines": .array(lines.map(\.json)),
        ]
    }
}

/// `payment.received`
public struct PaymentReceived: Hashable, Sendable {
    public var invoiceID: String
    public var amount: ExactDecimal
    public var currency: String

    public init(invoiceID: String, amount: ExactDecimal, currency: String) {
        self.invoiceID = invoiceID
        self.amount = amount
        self.currency = currency
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(invoiceID: try r.string("invoice_id", maxLength: 128), amount: try r.decimal("amount"), currency: try r.currency("currency"))
    }

    var json: JSONObject { ["invoice_id": .string(invoiceID), "amount": .decimal(amount), "currency": .string(currency)] }
}
