/// Where the exception rules get fresh identifiers (event ids, reprocess request ids).
///
/// Injected so that decisions are deterministic in tests; production code uses
/// ``RandomIdentifiers``.
public protocol IdentifierSource {
    /// A new identifier, unique among all identifiers ever written to the log.
    mutating func next() -> String
}

/// Random 128-bit identifiers written as 32 lowercase hex digits, with an optional prefix.
///
/// ```swift
/// var ids = RandomIdentifiers(prefix: "con-")
/// ids.next()  // "con-3f9c…"
/// ```
public struct RandomIdentifiers: IdentifierSource {
    public var prefix: String
    private var generator = SystemRandomNumberGenerator()

    public init(prefix: String = "") { self.prefix = prefix }

    public mutating func next() -> String {
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return prefix + hex16(high) + hex16(low)
    }

    private func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
