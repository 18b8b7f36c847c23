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
            sourceSystem: try reader.identifier("source_system"), sourceKey: try reader.identifier("source_key"),
            targetSystem: try reader.identifier("target_system"), targetKey: try reader.identifier("target_key")
        )
    }

    var json: JSONValue {
        .object([
            "source_system": .string(sourceSystem), "source_key": .string(sourceKey),
            "target_system": .string(targetSystem), "target_key": .string(targetKey),
        ])
    }
}
