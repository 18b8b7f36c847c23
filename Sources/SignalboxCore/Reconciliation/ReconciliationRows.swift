/// The records behind section 10 (golden-signals.md): one row per time entry, (invoice, entry) pair, milestone or
/// contract that a control found. ``Reconciliation/init(rows:asOf:)`` adds them up into the signal, so what
/// `signalbox reconcile` lists is, by construction, what `signals` counts.
public struct ReconciliationRows: Equatable, Sendable {
    public var rateLeakage: [RateLeakageRow]
    public var billingMismatch: [BillingMismatchRow]
    public var doubleBilled: [DoubleBilledRow]
    public var unbilledMilestones: [UnbilledMilestoneRow]
    public var overContractValue: [OverContractValueRow]

    public init(rateLeakage: [RateLeakageRow] = [], billingMismatch: [BillingMismatchRow] = [], doubleBilled: [DoubleBilledRow] = [],
                unbilledMilestones: [UnbilledMilestoneRow] = [], overContractValue: [OverContractValueRow] = []) {
        self.rateLeakage = rateLeakage
        self.billingMismatch = billingMismatch
        self.doubleBilled = doubleBilled
        self.unbilledMilestones = unbilledMilestones
        self.overContractValue = overContractValue
    }

    public static let empty = ReconciliationRows()
}

/// Where the rate of a role in the card in effect comes from: the contract's approval (version 1) or an amendment.
public struct RateSource: Hashable, Sendable {
    /// 1 for the `contract.approved` card, else the amendment's `version`.
    public var version: Int
    /// The amendment's `effective_date`; `nil` for the approval.
    public var effectiveDate: CivilDate?

    public init(version: Int, effectiveDate: CivilDate?) {
        self.version = version
        self.effectiveDate = effectiveDate
    }
}

/// §10.1: a time entry, latest approval in the window, whose rate is not the card's (or whose role the card lacks).
public struct RateLeakageRow: Hashable, Sendable {
    public enum Direction: String, Sendable, CaseIterable {
        /// Priced below the card: work the firm will not be paid for.
        case under
        /// Priced above the card: a dispute waiting to happen.
        case over
        /// No approved contract, or the role is not on the card: counted in `unpriced`, in neither amount.
        case unpriced
    }

    public var timeEntryID: String
    public var contractID: String
    public var role: String
    public var workDate: CivilDate
    public var hours: ExactDecimal
    /// The rate the PSA priced the entry at.
    public var rate: ExactDecimal
    /// The rate of `role` in the card in effect on `workDate`; `nil` when unpriced.
    public var expected: ExactDecimal?
    /// Which card version set `expected`; `nil` when unpriced.
    public var expectedFrom: RateSource?
    /// The approval's currency.
    public var currency: String
    /// The entry's latest approval.
    public var approvedAt: Timestamp

    public init(timeEntryID: String, contractID: String, role: String, workDate: CivilDate, hours: ExactDecimal, rate: ExactDecimal,
                expected: ExactDecimal?, expectedFrom: RateSource?, currency: String, approvedAt: Timestamp) {
        self.timeEntryID = timeEntryID
        self.contractID = contractID
        self.role = role
        self.workDate = workDate
        self.hours = hours
        self.rate = rate
        self.expected = expected
        self.expectedFrom = expectedFrom
        self.currency = currency
        self.approvedAt = approvedAt
    }

    public var direction: Direction {
        guard let expected else { return .unpriced }
        return rate < expected ? .under : .over
    }

    /// The non-negative money this row contributes: `|expected − rate| × hours`, exact; zero when unpriced.
    public var amount: ExactProduct {
        guard let expected else { return .zero }
        let difference = rate < expected ? expected - rate : rate - expected
        return ExactProduct(difference, times: hours)
    }
}

/// §10.2: an (invoice, time entry) pair, invoice posted in the window, whose billed amount is not the approved one.
public struct BillingMismatchRow: Hashable, Sendable {
    public enum Direction: String, Sendable, CaseIterable {
        /// Billed more than approved (same currency).
        case over
        /// Billed less than approved (same currency).
        case under
        /// The entry has no approval by T: `unapproved_lines`, `unapproved_amount`.
        case unapproved
        /// Billed in another currency than approved: counted in `lines`, in neither amount.
        case currency
    }

    public var invoiceID: String
    public var timeEntryID: String
    /// The invoice's contract.
    public var contractID: String
    /// The invoice's posting time (its earliest `invoice.posted`).
    public var postedAt: Timestamp
    /// The invoice's currency.
    public var currency: String
    /// Σ of the invoice's lines naming the entry.
    public var billed: ExactDecimal
    /// The entry's latest approval's `amount` and `currency`; `nil` when unapproved.
    public var approvedAmount: ExactDecimal?
    public var approvedCurrency: String?

    public init(invoiceID: String, timeEntryID: String, contractID: String, postedAt: Timestamp, currency: String, billed: ExactDecimal,
                approvedAmount: ExactDecimal?, approvedCurrency: String?) {
        self.invoiceID = invoiceID
        self.timeEntryID = timeEntryID
        self.contractID = contractID
        self.postedAt = postedAt
        self.currency = currency
        self.billed = billed
        self.approvedAmount = approvedAmount
        self.approvedCurrency = approvedCurrency
    }

    public var direction: Direction {
        guard let approvedAmount else { return .unapproved }
        if approvedCurrency != currency { return .currency }
        return billed < approvedAmount ? .under : .over
    }

    /// The non-negative money this row contributes: the difference, or what was billed unapproved; zero across currencies.
    public var amount: ExactDecimal {
        switch direction {
        case .unapproved: return billed
        case .currency: return .zero
        case .over: return billed - (approvedAmount ?? .zero)
        case .under: return (approvedAmount ?? .zero) - billed
        }
    }
}

/// §10.3: a time entry on an invoice after the first that named it, the entry having become double-billed in the window.
public struct DoubleBilledRow: Hashable, Sendable {
    public var timeEntryID: String
    /// The contract of `invoiceID`.
    public var contractID: String
    /// The invoice that billed the entry first (posting order; tie: `invoice_id`).
    public var firstInvoiceID: String
    /// This later invoice, its posting time and its currency.
    public var invoiceID: String
    public var postedAt: Timestamp
    public var currency: String
    /// When the entry became double-billed: the posting time of its second invoice.
    public var doubleBilledAt: Timestamp
    /// Σ of this invoice's lines naming the entry.
    public var amount: ExactDecimal

    public init(timeEntryID: String, contractID: String, firstInvoiceID: String, invoiceID: String, postedAt: Timestamp, currency: String,
                doubleBilledAt: Timestamp, amount: ExactDecimal) {
        self.timeEntryID = timeEntryID
        self.contractID = contractID
        self.firstInvoiceID = firstInvoiceID
        self.invoiceID = invoiceID
        self.postedAt = postedAt
        self.currency = currency
        self.doubleBilledAt = doubleBilledAt
        self.amount = amount
    }
}

/// §10.4: an accepted milestone no invoice posted by T names.
public struct UnbilledMilestoneRow: Hashable, Sendable {
    public var milestoneID: String
    public var contractID: String
    public var currency: String
    public var amount: ExactDecimal
    /// The milestone's latest `milestone.accepted`.
    public var acceptedAt: Timestamp

    public init(milestoneID: String, contractID: String, currency: String, amount: ExactDecimal, acceptedAt: Timestamp) {
        self.milestoneID = milestoneID
        self.contractID = contractID
        self.currency = currency
        self.amount = amount
        self.acceptedAt = acceptedAt
    }
}

/// §10.5: a contract invoiced, in its own currency, beyond the value in effect at T.
public struct OverContractValueRow: Hashable, Sendable {
    public var contractID: String
    /// The currency of the contract's latest approval.
    public var currency: String
    /// The value in effect at T.
    public var value: ExactDecimal
    /// Σ `total` of the contract's invoices in `currency`, and how many there are.
    public var invoiced: ExactDecimal
    public var invoices: Int

    public init(contractID: String, currency: String, value: ExactDecimal, invoiced: ExactDecimal, invoices: Int) {
        self.contractID = contractID
        self.currency = currency
        self.value = value
        self.invoiced = invoiced
        self.invoices = invoices
    }

    /// `invoiced − value`.
    public var excess: ExactDecimal { invoiced - value }
}
