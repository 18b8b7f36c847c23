/// A record in some system: a customer, the subject of an exception.
public struct SystemRecord: Hashable, Sendable {
    public var system: String
    public var key: String
    public var name: String

    public init(system: String, key: String, name: String) {
        self.system = system
        self.key = key
        self.name = name
    }

    init(_ reader: FieldReader) throws(EventFieldError) {
        self.init(system: try reader.string("system"), key: try reader.string("key"), name: try reader.string("name"))
    }

    var json: JSONValue { .object(["system": .string(system), "key": .string(key), "name": .string(name)]) }
}

/// A possible match for an ambiguous mapping, with the middleware's score.
public struct MappingCandidate: Hashable, Sendable {
    public var record: SystemRecord
    public var score: ExactDecimal

    public init(record: SystemRecord, score: ExactDecimal) {
        self.record = record
        self.score = score
    }

    init(_ reader: FieldReader) throws(EventFieldError) {
        self.init(record: try SystemRecord(reader), score: try reader.decimal("score"))
    }

    var json: JSONValue {
        guard case .object(var object) = record.json else { return record.json }
        object["score"] = .decimal(score)
        return .object(object)
    }
}

/// A rate card line: a role and its rate.
public struct RateCardEntry: Hashable, Sendable {
    public var role: String
    public var rate: ExactDecimal

    public init(role: String, rate: ExactDecimal) {
        self.role = role
        self.rate = rate
    }

    static func list(_ readers: [FieldReader]) throws(EventFieldError) -> [RateCardEntry] {
        var entries: [RateCardEntry] = []
        for reader in readers {
            entries.append(RateCardEntry(role: try reader.string("role"), rate: try reader.decimal("rate")))
        }
        return entries
    }

    static func json(_ entries: [RateCardEntry]) -> JSONValue {
        .array(entries.map { .object(["role": .string($0.role), "rate": .decimal($0.rate)]) })
    }
}

/// Contract terms that an amendment changes, or that a target system reports holding.
public struct ContractTerms: Hashable, Sendable {
    public var rateCard: [RateCardEntry]?
    public var endDate: CivilDate?
    public var totalValue: ExactDecimal?

    public init(rateCard: [RateCardEntry]? = nil, endDate: CivilDate? = nil, totalValue: ExactDecimal? = nil) {
        self.rateCard = rateCard
        self.endDate = endDate
        self.totalValue = totalValue
    }

    init(_ reader: FieldReader) throws(EventFieldError) {
        self.init(
            rateCard: try reader.optionalObjects("rate_card").map { readers throws(EventFieldError) in try RateCardEntry.list(readers) },
            endDate: try reader.optionalDate("end_date"),
            totalValue: try reader.optionalDecimal("total_value")
        )
    }

    public var isEmpty: Bool { rateCard == nil && endDate == nil && totalValue == nil }

    /// The rate card as a map role → rate (later lines win on a repeated role).
    public var rateMap: [String: ExactDecimal]? {
        rateCard.map { Dictionary($0.map { ($0.role, $0.rate) }, uniquingKeysWith: { _, last in last }) }
    }

    /// The names of the keys in `self` whose values `other` lacks or holds differently (spec §3).
    public func differingKeys(in other: ContractTerms) -> [String] {
        var differing: [String] = []
        if let rates = rateMap, rates != other.rateMap { differing.append("rate_card") }
        if let endDate, endDate != other.endDate { differing.append("end_date") }
        if let totalValue, totalValue != other.totalValue { differing.append("total_value") }
        return differing
    }

    var json: JSONValue {
        var object = JSONObject()
        if let rateCard { object["rate_card"] = RateCardEntry.json(rateCard) }
        if let endDate { object["end_date"] = .string(endDate.isoString) }
        if let totalValue { object["total_value"] = .decimal(totalValue) }
        return .object(object)
    }
}

/// A resolved mapping: this source record is that target record.
public struct RecordMapping: Hashable, Sendable {
    public var sourceSystem: String
    public var sourceKey: String
    public var targetSystem: String
    public var targetKey: String

    public init(sourceSystem: String, sourceKey: String, targetSystem: String, targetKey: String) {
        self.sourceSystem = sourceSystem
        self.sourceKey = sourceKey
        self.targetSystem = targetSystem
        self.targetKey = targetKey
    }

    init(_ reader: FieldReader) throws(EventFieldError) {
        self.init(
            sourceSystem: try reader.string("source_system"), sourceKey: try reader.string("source_key"),
            targetSystem: try reader.string("target_system"), targetKey: try reader.string("target_key")
        )
    }

    var json: JSONValue {
        .object([
            "source_system": .string(sourceSystem), "source_key": .string(sourceKey),
            "target_system": .string(targetSystem), "target_key": .string(targetKey),
        ])
    }
}

/// An invoice line, billing a time entry, a milestone, or neither.
public struct InvoiceLine: Hashable, Sendable {
    public var timeEntryID: String?
    public var milestoneID: String?
    public var amount: ExactDecimal

    public init(timeEntryID: String? = nil, milestoneID: String? = nil, amount: ExactDecimal) {
        self.timeEntryID = timeEntryID
        self.milestoneID = milestoneID
        self.amount = amount
    }

    init(_ reader: FieldReader) throws(EventFieldError) {
        self.init(
            timeEntryID: try reader.optionalString("time_entry_id", maxLength: 128),
            milestoneID: try reader.optionalString("milestone_id", maxLength: 128),
            amount: try reader.decimal("amount", allowNegative: true)
        )
    }

    var json: JSONValue {
        var object = JSONObject()
        if let timeEntryID { object["time_entry_id"] = .string(timeEntryID) }
        if let milestoneID { object["milestone_id"] = .string(milestoneID) }
        object["amount"] = .decimal(amount)
        return .object(object)
    }
}
