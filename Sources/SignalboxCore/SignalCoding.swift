/// How the golden signals' exact values are encoded when the signals are stored and read back whole (a published
/// snapshot, ``GoldenSignals`` being `Codable`): each value as its exact integer units, never a float, so a decoded
/// value equals the one encoded. `signals --json` is a different, rounded document (``GoldenSignals/jsonDocument``).

/// A value that is one 64-bit integer of exact units, encoded as that integer.
protocol ExactUnitsCodable: Codable {
    var exactUnits: Int64 { get }
    init(exactUnits: Int64)
}

extension ExactUnitsCodable {
    public init(from decoder: any Decoder) throws {
        self.init(exactUnits: try decoder.singleValueContainer().decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(exactUnits)
    }
}

/// Microseconds since the epoch.
extension Timestamp: ExactUnitsCodable {
    var exactUnits: Int64 { microseconds }
    init(exactUnits: Int64) { self.init(microseconds: exactUnits) }
}

/// Microseconds.
extension SignalDuration: ExactUnitsCodable {
    var exactUnits: Int64 { microseconds }
    init(exactUnits: Int64) { self.init(microseconds: exactUnits) }
}

/// Ten-thousandths (``ExactDecimal/unitsPerOne``).
extension ExactDecimal: ExactUnitsCodable {
    var exactUnits: Int64 { units }
    init(exactUnits: Int64) { self.init(units: exactUnits) }
}

extension ExactProduct: Codable {
    /// Units of 10⁻⁸ as a decimal string: they can exceed what a JSON number carries exactly.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let units = Int128(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an integer: \(text.debugDescription)")
        }
        self.init(units: units)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(units))
    }
}

/// The bits of the sections held.
extension SignalSections: Codable {}
