extension UnsafeBufferPointer<UInt8> {
    /// The number written in ASCII decimal digits at `range` (which must lie inside the buffer), or nil when a
    /// byte there is not a digit.
    func decimalNumber(at range: Range<Int>) -> Int64? {
        var value: Int64 = 0
        for index in range {
            let byte = self[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
