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
        self.init(system: try reader.identifier("system"), key: try reader.identifier("key"), name: try reader.string("name"))
    }

    var json: JSONValue { .object(["system": .string(system), "key": .string(key), "name": .string(name)]) }
}
