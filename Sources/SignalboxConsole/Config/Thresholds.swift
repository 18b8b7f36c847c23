import SignalboxCore

/// Warn and breach limits for every golden signal (configuration key `thresholds`).
public struct Thresholds: Equatable, Sendable {
    /// Signal 1 limits.
    public var activation: ActivationThresholds
    /// Signal 2 limits.
    public var provisioning: ProvisioningThresholds
    /// Signal 3 limits.
    public var amendments: AmendmentThresholds
    /// Signal 4 limits.
    public var unbilled: UnbilledThresholds
    /// Signal 5 limits.
    public var exceptions: ExceptionThresholds
    /// Signal 6 limits.
    public var timeToInvoice: LatencyThresholds
    /// Signal 7 limits.
    public var resolution: LatencyThresholds
    /// Signal 8 limits.
    public var invoiceToCash: InvoiceToCashThresholds
    /// Signal 9 limits.
    public var throughput: ThroughputThresholds
    /// Signal 10 limits, per control.
    public var reconciliation: ReconciliationThresholds

    /// Creates the set of limits; the v2 signals' default to ``defaults``'s.
    public init(activation: ActivationThresholds, provisioning: ProvisioningThresholds, amendments: AmendmentThresholds,
                unbilled: UnbilledThresholds, exceptions: ExceptionThresholds,
                timeToInvoice: LatencyThresholds = Thresholds.v2Defaults.timeToInvoice,
                resolution: LatencyThresholds = Thresholds.v2Defaults.resolution,
                invoiceToCash: InvoiceToCashThresholds = Thresholds.v2Defaults.invoiceToCash,
                throughput: ThroughputThresholds = Thresholds.v2Defaults.throughput,
                reconciliation: ReconciliationThresholds = .defaults) {
        self.activation = activation
        self.provisioning = provisioning
        self.amendments = amendments
        self.unbilled = unbilled
        self.exceptions = exceptions
        self.timeToInvoice = timeToInvoice
        self.resolution = resolution
        self.invoiceToCash = invoiceToCash
        self.throughput = throughput
        self.reconciliation = reconciliation
    }

    /// The default limits of signals 6–9.
    public static let v2Defaults = (
        timeToInvoice: LatencyThresholds(p90: CeilingLimit(warn: .days(14), breach: .days(30))),
        resolution: LatencyThresholds(p90: CeilingLimit(warn: .days(3), breach: .days(7))),
        invoiceToCash: InvoiceToCashThresholds(
            p90: CeilingLimit(warn: .days(45), breach: .days(60)),
            outstanding: CeilingLimit(warn: ExactDecimal(1_000_000), breach: ExactDecimal(5_000_000))),
        throughput: ThroughputThresholds(events: CountFloor(warn: 1, breach: 0))
    )

    /// The limits used for keys the configuration file does not set (listed in ``ConsoleConfiguration``).
    public static let defaults = Thresholds(
        activation: ActivationThresholds(
            p90: CeilingLimit(warn: .seconds(24 * 3600), breach: .seconds(72 * 3600)),
            pending: CeilingLimit(warn: 10, breach: 25),
            oldestPending: CeilingLimit(warn: .days(3), breach: .days(7))),
        provisioning: ProvisioningThresholds(
            successRate: RateFloor(warn: ExactDecimal(units: 9500), breach: ExactDecimal(units: 8500)),
            firstPassRate: RateFloor(warn: ExactDecimal(units: 9000), breach: ExactDecimal(units: 7500))),
        amendments: AmendmentThresholds(
            accuracy: RateFloor(warn: ExactDecimal(units: 9500), breach: ExactDecimal(units: 8500))),
        unbilled: UnbilledThresholds(
            amount31to60: CeilingLimit(warn: ExactDecimal(10_000), breach: ExactDecimal(50_000)),
            amount61Plus: CeilingLimit(warn: .zero, breach: ExactDecimal(10_000))),
        exceptions: ExceptionThresholds(
            open: CeilingLimit(warn: 10, breach: 50),
            oldestOpen: CeilingLimit(warn: .days(1), breach: .days(3))))
}

/// Limits for contract activation latency.
public struct ActivationThresholds: Equatable, Sendable {
    /// p90 latency of contracts activated in the window.
    public var p90: CeilingLimit<SignalDuration>
    /// Number of approved contracts not yet activated.
    public var pending: CeilingLimit<Int>
    /// Age of the oldest pending contract.
    public var oldestPending: CeilingLimit<SignalDuration>

    /// Creates the limits.
    public init(p90: CeilingLimit<SignalDuration>, pending: CeilingLimit<Int>, oldestPending: CeilingLimit<SignalDuration>) {
        self.p90 = p90
        self.pending = pending
        self.oldestPending = oldestPending
    }
}

/// Floors for project provisioning.
public struct ProvisioningThresholds: Equatable, Sendable {
    /// succeeded / attempts in the window.
    public var successRate: RateFloor
    /// Fraction of contracts provisioned on the first attempt.
    public var firstPassRate: RateFloor

    /// Creates the floors.
    public init(successRate: RateFloor, firstPassRate: RateFloor) {
        self.successRate = successRate
        self.firstPassRate = firstPassRate
    }
}

/// Floor for amendment propagation accuracy.
public struct AmendmentThresholds: Equatable, Sendable {
    /// accurate / total amendments in the window.
    public var accuracy: RateFloor

    /// Creates the floor.
    public init(accuracy: RateFloor) { self.accuracy = accuracy }
}

/// Limits for unbilled approved time, applied to each currency's amount on its own
/// (set them for your main currency; Signalbox never converts currencies).
public struct UnbilledThresholds: Equatable, Sendable {
    /// Amount unbilled for 31–60 days.
    public var amount31to60: CeilingLimit<ExactDecimal>
    /// Amount unbilled for 61 days or more.
    public var amount61Plus: CeilingLimit<ExactDecimal>

    /// Creates the limits.
    public init(amount31to60: CeilingLimit<ExactDecimal>, amount61Plus: CeilingLimit<ExactDecimal>) {
        self.amount31to60 = amount31to60
        self.amount61Plus = amount61Plus
    }
}

/// Limits for the exception backlog.
public struct ExceptionThresholds: Equatable, Sendable {
    /// Number of open exceptions.
    public var open: CeilingLimit<Int>
    /// Age of the oldest open exception.
    public var oldestOpen: CeilingLimit<SignalDuration>

    /// Creates the limits.
    public init(open: CeilingLimit<Int>, oldestOpen: CeilingLimit<SignalDuration>) {
        self.open = open
        self.oldestOpen = oldestOpen
    }
}
