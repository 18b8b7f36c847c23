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
            timeEntryID: try reader.optionalIdentifier("time_entry_id", maxLength: 128),
            milestoneID: try reader.optionalIdentifier("milestone_id", maxLength: 128),
            amount: try reader.money("amount", allowNegative: true)
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
