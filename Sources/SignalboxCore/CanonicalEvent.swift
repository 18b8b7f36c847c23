/// One canonical business event: the envelope plus validated, typed `data`.
///
/// ```swift
/// let event = try CanonicalEvent(jsonLine: Array(line.utf8))
/// event.payload  // .contractApproved(...)
/// ```
public struct CanonicalEvent: Hashable, Sendable {
    public var eventID: String
    public var occurredAt: Timestamp
    public var source: SourceSystem
    public var correlationID: String
    public var payload: EventPayload
    /// Top-level fields beyond the v1 envelope, kept as received (extensions).
    public var extensions: JSONObject

    public var type: EventType { payload.type }

    public static let envelopeKeys: Set<String> = ["event_id", "type", "occurred_at", "source", "correlation_id", "data"]
    /// Whether `key` is one of ``envelopeKeys`` (a switch: no hashing per member).
    static func isEnvelopeKey(_ key: String) -> Bool {
        switch key {
        case "event_id", "type", "occurred_at", "source", "correlation_id", "data": true
        default: false
        }
    }

    /// The longest `event_id` the spec allows.
    public static let maximumEventIDLength = 128

    public init(eventID: String, occurredAt: Timestamp, source: SourceSystem, correlationID: String,
                payload: EventPayload, extensions: JSONObject = JSONObject()) {
        self.eventID = eventID
        self.occurredAt = occurredAt
        self.source = source
        self.correlationID = correlationID
        self.payload = payload
        self.extensions = extensions
    }

    /// Validates a parsed JSON value as a canonical event; money finer than a cent is refused unless
    /// `moneyToTheCent` is false (reading what a store already holds).
    public init(json value: JSONValue, moneyToTheCent: Bool = true) throws(EventFieldError) {
        guard case .object(let object) = value else {
            throw EventFieldError(field: "(event)", reason: "expected a JSON object, got \(value.typeName)")
        }
        let reader = FieldReader(object, path: "")
        let type = try reader.oneOf("type", EventType.self)
        let dataValue = try reader.required("data")
        guard case .object(let data) = dataValue else {
            throw reader.fail("data", "expected an object, got \(dataValue.typeName)")
        }
        self.init(
            eventID: try reader.identifier("event_id", maxLength: CanonicalEvent.maximumEventIDLength),
            occurredAt: try reader.timestamp("occurred_at"),
            source: try reader.oneOf("source", SourceSystem.self),
            correlationID: try reader.identifier("correlation_id", maxLength: 256),
            payload: try EventPayload(type: type, data: data, moneyToTheCent: moneyToTheCent),
            extensions: JSONObject(object.members.filter { !CanonicalEvent.isEnvelopeKey($0.key) })
        )
    }

    /// Parses and validates one line of JSON Lines (see ``init(json:moneyToTheCent:)``).
    public init<Bytes: Collection<UInt8>>(jsonLine bytes: Bytes, moneyToTheCent: Bool = true) throws(EventDecodingError) {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw .syntax(error) }
        do { try self.init(json: value, moneyToTheCent: moneyToTheCent) } catch { throw .field(error) }
    }

    /// The event as one compact JSON object (envelope keys first, then extensions).
    public var json: JSONObject {
        var object: JSONObject = [
            "event_id": .string(eventID), "type": .string(type.rawValue), "occurred_at": .string(occurredAt.rfc3339),
            "source": .string(source.rawValue), "correlation_id": .string(correlationID), "data": .object(payload.json),
        ]
        for member in extensions.members { object[member.key] = member.value }
        return object
    }

    /// One line of JSON Lines, without the newline.
    public var jsonLine: String { JSONValue.object(json).serialized }
}

/// Why a line could not become a canonical event.
public enum EventDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    case syntax(JSONSyntaxError)
    case field(EventFieldError)

    public var description: String {
        switch self {
        case .syntax(let error): error.description
        case .field(let error): error.description
        }
    }
}
