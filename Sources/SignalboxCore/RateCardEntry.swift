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
            entries.append(RateCardEntry(role: try reader.string("role"), rate: try reader.money("rate")))
        }
        return entries
    }

    static func json(_ entries: [RateCardEntry]) -> JSONValue {
        .array(entries.map { .object(["role": .string($0.role), "rate": .decimal($0.rate)]) })
    }
}
