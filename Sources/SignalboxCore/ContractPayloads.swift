// The `data` of contract events (CLM) and of what target systems report applying.

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
            contractID: try r.identifier("contract_id", maxLength: 128), customer: try SystemRecord(try r.object("customer")),
            legalEntity: try r.string("legal_entity"), currency: try r.currency("currency"),
            billingModel: try r.oneOf("billing_model", BillingModel.self), totalValue: try r.money("total_value"),
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
            contractID: try r.identifier("contract_id", maxLength: 128), version: try r.integer("version", minimum: 2),
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
            contractID: try r.identifier("contract_id", maxLength: 128), version: try r.integer("version", minimum: 1),
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
