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
            totalValue: try reader.optionalMoney("total_value")
        )
    }

    public var isEmpty: Bool { rateCard == nil && endDate == nil && totalValue == nil }

    /// The rate card as a map role → rate (later lines win on a repeated role).
    public var rateMap: [String: ExactDecimal]? {
        rateCard.map { Dictionary($0.map { ($0.role, $0.rate) }, uniquingKeysWith: { _, last in last }) }
    }

    /// The names of the keys in `self` whose values `other` lacks or holds differently (spec §3), in the order of
    /// ``comparedKeys``.
    public func differingKeys(in other: ContractTerms) -> [String] {
        var differing: [String] = []
        if let rates = rateMap, rates != other.rateMap { differing.append(Self.comparedKeys[0]) }
        if let endDate, endDate != other.endDate { differing.append(Self.comparedKeys[1]) }
        if let totalValue, totalValue != other.totalValue { differing.append(Self.comparedKeys[2]) }
        return differing
    }

    /// The keys an amendment's changes are compared by: `rate_card` (as a map role → rate), `end_date`, `total_value`.
    public static let comparedKeys = ["rate_card", "end_date", "total_value"]

    var json: JSONValue {
        var object = JSONObject()
        if let rateCard { object["rate_card"] = RateCardEntry.json(rateCard) }
        if let endDate { object["end_date"] = .string(endDate.isoString) }
        if let totalValue { object["total_value"] = .decimal(totalValue) }
        return .object(object)
    }
}
