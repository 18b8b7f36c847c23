/// Integers stored as one text column, comma-separated in order (`event_correlations.seqs`, `event_seconds.times`).
enum SQLiteIntegerList {
    /// The text of `values`: each in decimal, joined by commas.
    ///
    /// Written as bytes into one buffer: the writer makes one such list per correlation and per second of every
    /// transaction, and a `String` per value (a 16-digit time does not fit a small string) cost more than the digits.
    static func text(_ values: some Sequence<Int64>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.underestimatedCount * 17)
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendDecimal(value, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value`'s decimal digits, after a minus sign when it is negative.
    private static func appendDecimal(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let firstDigit = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[firstDigit...].reverse()
    }
}
