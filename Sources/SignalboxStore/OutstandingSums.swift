import SignalboxCore

/// The unpaid invoices' count and amount owed in one currency, as a store's kept sums give them.
public struct OutstandingSum: Sendable {
    public var currency: String
    public var invoices: Int
    public var owedUnits: Int64

    public init(currency: String, invoices: Int, owedUnits: Int64) {
        self.currency = currency
        self.invoices = invoices
        self.owedUnits = owedUnits
    }
}

extension OutstandingReceivables {
    /// §8's amount outstanding where the projection holds at T: the sums kept for the invoices unpaid today, less
    /// those of the unpaid invoices whose latest posting or payment lies after T (which the caller folds as of T from
    /// the log). A currency left with no invoice drops out.
    public static func heldAtT(today: [OutstandingSum], movedAfterT: [OutstandingSum]) -> [String: OutstandingReceivables] {
        var owed: [String: (invoices: Int, units: Int64)] = [:]
        for sum in today { owed[sum.currency] = (sum.invoices, sum.owedUnits) }
        for moved in movedAfterT {
            owed[moved.currency, default: (0, 0)].invoices -= moved.invoices
            owed[moved.currency, default: (0, 0)].units -= moved.owedUnits
        }
        return owed.filter { $0.value.invoices > 0 }
            .mapValues { OutstandingReceivables(invoices: $0.invoices, amount: ExactDecimal(units: $0.units)) }
    }
}
