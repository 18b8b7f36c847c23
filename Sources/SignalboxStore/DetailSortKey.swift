/// A drill-down cell's value for ordering: numbers compare as numbers, text ignoring ASCII case byte by byte (as
/// the stores sort text: `lower(…)` in byte order), amounts by currency then amount.
public enum DetailSortKey: Comparable, Sendable {
    case number(Int64)
    case text(String)
    /// An amount: by currency, then amount (amounts in different currencies are never compared by number).
    case money(currency: String, units: Int64)

    public static func < (lhs: DetailSortKey, rhs: DetailSortKey) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): a < b
        case (.text(let a), .text(let b)):
            DetailFilter.asciiLowercased(a).utf8.lexicographicallyPrecedes(DetailFilter.asciiLowercased(b).utf8)
        case (.money(let currencyA, let a), .money(let currencyB, let b)):
            currencyA == currencyB ? a < b : currencyA.utf8.lexicographicallyPrecedes(currencyB.utf8)
        default: lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .number: 0
        case .money: 1
        case .text: 2
        }
    }
}
