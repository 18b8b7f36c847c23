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
