/// Signal 10, billing reconciliation (golden-signals.md §10): money per control and currency. A currency appears
/// only where the control found something.
public struct Reconciliation: Equatable, Sendable, Codable {
    public var rateLeakage: [String: RateLeakage]
    public var billingMismatch: [String: BillingMismatch]
    public var doubleBilled: [String: DoubleBilled]
    public var unbilledMilestones: [String: UnbilledMilestones]
    public var overContractValue: [String: OverContractValue]

    public init(rateLeakage: [String: RateLeakage] = [:], billingMismatch: [String: BillingMismatch] = [:],
                doubleBilled: [String: DoubleBilled] = [:], unbilledMilestones: [String: UnbilledMilestones] = [:],
                overContractValue: [String: OverContractValue] = [:]) {
        self.rateLeakage = rateLeakage
        self.billingMismatch = billingMismatch
        self.doubleBilled = doubleBilled
        self.unbilledMilestones = unbilledMilestones
        self.overContractValue = overContractValue
    }

    public static let empty = Reconciliation()

    /// The signal that `rows` add up to, milestone ages taken at `asOf`.
    public init(rows: ReconciliationRows, asOf: Timestamp) {
        self.init()
        for row in rows.rateLeakage { add(row) }
        for row in rows.billingMismatch { billingMismatch[row.currency, default: BillingMismatch()].add(row) }
        for (currency, currencyRows) in Dictionary(grouping: rows.doubleBilled, by: \.currency) {
            doubleBilled[currency] = DoubleBilled(entries: Set(currencyRows.map(\.timeEntryID)).count,
                                                  amount: currencyRows.reduce(.zero) { $0 + $1.amount })
        }
        for row in rows.unbilledMilestones {
            unbilledMilestones[row.currency, default: UnbilledMilestones()].add(row, bucket: AgeBucket(approvedAt: row.acceptedAt, asOf: asOf))
        }
        for row in rows.overContractValue { overContractValue[row.currency, default: OverContractValue()].add(row) }
    }

    /// Adds one §10.1 row, so that a store can fold the rows as it reads them: a 7-day window of a long history holds
    /// them by the hundred thousand, and a console would hold them all only to add them up.
    public mutating func add(_ row: RateLeakageRow) {
        rateLeakage[row.currency, default: RateLeakage()].add(row)
    }
}

/// §10.1 for one currency.
public struct RateLeakage: Equatable, Sendable, Codable {
    /// Entries priced off the card, and their hours.
    public var entries = 0
    public var hours = ExactDecimal.zero
    public var underAmount = ExactProduct.zero
    public var overAmount = ExactProduct.zero
    /// Entries without a contract approval or whose role is not on the card.
    public var unpriced = 0

    public init() {}

    mutating func add(_ row: RateLeakageRow) {
        switch row.direction {
        case .unpriced: unpriced += 1; return
        case .under: underAmount += row.amount
        case .over: overAmount += row.amount
        }
        entries += 1
        hours += row.hours
    }
}

/// §10.2 for one invoice currency.
public struct BillingMismatch: Equatable, Sendable, Codable {
    /// Approved pairs billed at another amount or in another currency.
    public var lines = 0
    public var overAmount = ExactDecimal.zero
    public var underAmount = ExactDecimal.zero
    public var unapprovedLines = 0
    public var unapprovedAmount = ExactDecimal.zero

    public init() {}

    mutating func add(_ row: BillingMismatchRow) {
        switch row.direction {
        case .unapproved:
            unapprovedLines += 1
            unapprovedAmount += row.amount
            return
        case .over: overAmount += row.amount
        case .under: underAmount += row.amount
        case .currency: break
        }
        lines += 1
    }
}

/// §10.3 for one currency of the later invoices.
public struct DoubleBilled: Equatable, Sendable, Codable {
    /// Entries (once per currency), and Σ billed for them on the invoices after the first.
    public var entries: Int
    public var amount: ExactDecimal

    public init(entries: Int = 0, amount: ExactDecimal = .zero) {
        self.entries = entries
        self.amount = amount
    }
}

/// §10.4 for one currency: totals and age buckets (whole days since acceptance).
public struct UnbilledMilestones: Equatable, Sendable, Codable {
    public var buckets: [AgeBucket: MilestoneTotals] = [:]

    public init() {}

    public var total: MilestoneTotals { AgeBucket.allCases.reduce(MilestoneTotals()) { $0 + self[$1] } }

    public subscript(bucket: AgeBucket) -> MilestoneTotals { buckets[bucket] ?? MilestoneTotals() }

    mutating func add(_ row: UnbilledMilestoneRow, bucket: AgeBucket) {
        buckets[bucket, default: MilestoneTotals()] = self[bucket] + MilestoneTotals(milestones: 1, amount: row.amount)
    }
}

/// How many milestones, and their amount.
public struct MilestoneTotals: Equatable, Sendable, Codable {
    public var milestones: Int
    public var amount: ExactDecimal

    public init(milestones: Int = 0, amount: ExactDecimal = .zero) {
        self.milestones = milestones
        self.amount = amount
    }

    public static func + (lhs: MilestoneTotals, rhs: MilestoneTotals) -> MilestoneTotals {
        MilestoneTotals(milestones: lhs.milestones + rhs.milestones, amount: lhs.amount + rhs.amount)
    }
}

/// §10.5 for one contract currency.
public struct OverContractValue: Equatable, Sendable, Codable {
    public var contracts = 0
    /// Σ (`invoiced` − value in effect) over the contracts invoiced beyond it.
    public var excess = ExactDecimal.zero

    public init() {}

    mutating func add(_ row: OverContractValueRow) {
        contracts += 1
        excess += row.excess
    }
}
