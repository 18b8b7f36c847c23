/// Integers stored as one text column, comma-separated in order (`event_correlations.seqs`, `event_seconds.times`).
enum SQLiteIntegerList {
    /// The text of `values`: each in decimal, joined by commas.
    ///
    /// Written directly into one string: the writer makes one such list per correlation and per second of every
    /// transaction, and the generic `joined(separator:)` over a lazy map cost more than the digits.
    static func text(_ values: [Int64]) -> String {
        var text = ""
        text.reserveCapacity(values.count * 17)
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            text += String(value)
        }
        return text
    }
}
