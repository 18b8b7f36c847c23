import SignalboxCore

/// The contracts behind the activation-latency signal.
public struct ActivationDetails: Equatable, Sendable {
    /// Contracts activated in the window, with their latency.
    public var activated: [ActivatedContract]
    /// Contracts approved by `asOf` and not yet activated, oldest first.
    public var pending: [PendingActivation]

    public init(activated: [ActivatedContract], pending: [PendingActivation]) {
        self.activated = activated
        self.pending = pending
    }
}

public struct ActivatedContract: Equatable, Sendable {
    public var contractID: String
    public var customerName: String
    public var approvedAt: Timestamp
    public var activatedAt: Timestamp
    public var latency: SignalDuration { activatedAt.since(approvedAt) }

    public init(contractID: String, customerName: String, approvedAt: Timestamp, activatedAt: Timestamp) {
        self.contractID = contractID
        self.customerName = customerName
        self.approvedAt = approvedAt
        self.activatedAt = activatedAt
    }
}

public struct PendingActivation: Equatable, Sendable {
    public var contractID: String
    public var customerName: String
    public var approvedAt: Timestamp
    /// Set when the project exists by `asOf`; the contract then waits for its billing schedule.
    public var provisionedAt: Timestamp?
    /// Set when the billing schedule exists by `asOf`; the contract then waits for its project.
    public var billingScheduledAt: Timestamp?

    public init(contractID: String, customerName: String, approvedAt: Timestamp, provisionedAt: Timestamp?,
                billingScheduledAt: Timestamp?) {
        self.contractID = contractID
        self.customerName = customerName
        self.approvedAt = approvedAt
        self.provisionedAt = provisionedAt
        self.billingScheduledAt = billingScheduledAt
    }
}

/// A failed provisioning attempt in the window.
public struct ProvisioningFailure: Equatable, Sendable {
    public var contractID: String
    public var occurredAt: Timestamp
    public var attempt: Int
    public var reasonCode: String
    public var message: String

    public init(contractID: String, occurredAt: Timestamp, attempt: Int, reasonCode: String, message: String) {
        self.contractID = contractID
        self.occurredAt = occurredAt
        self.attempt = attempt
        self.reasonCode = reasonCode
        self.message = message
    }
}

/// How one amendment in the window has propagated, and which fields differ where.
public struct AmendmentStatus: Equatable, Sendable {
    public var contractID: String
    public var version: Int
    public var amendedAt: Timestamp
    public var propagation: AmendmentPropagation
    /// Per target that reported: the changed keys it holds differently (empty when it matches).
    public var differingKeys: [AmendmentTarget: [String]]
    /// Targets that have not reported applying the amendment.
    public var missingTargets: [AmendmentTarget]

    public init(contractID: String, version: Int, amendedAt: Timestamp, propagation: AmendmentPropagation,
                differingKeys: [AmendmentTarget: [String]], missingTargets: [AmendmentTarget]) {
        self.contractID = contractID
        self.version = version
        self.amendedAt = amendedAt
        self.propagation = propagation
        self.differingKeys = differingKeys
        self.missingTargets = missingTargets
    }
}

/// An approved, unbilled time entry as of some instant.
public struct UnbilledEntry: Equatable, Sendable {
    public var timeEntryID: String
    public var contractID: String
    public var customerName: String
    public var resource: String
    public var currency: String
    public var hours: ExactDecimal
    public var amount: ExactDecimal
    public var approvedAt: Timestamp

    public init(timeEntryID: String, contractID: String, customerName: String, resource: String, currency: String,
                hours: ExactDecimal, amount: ExactDecimal, approvedAt: Timestamp) {
        self.timeEntryID = timeEntryID
        self.contractID = contractID
        self.customerName = customerName
        self.resource = resource
        self.currency = currency
        self.hours = hours
        self.amount = amount
        self.approvedAt = approvedAt
    }
}

/// An exception open as of some instant, for the backlog drill-down.
public struct OpenException: Equatable, Sendable {
    public var exceptionID: String
    public var kind: String
    public var severity: String
    public var raisedAt: Timestamp
    public var correlationID: String
    public var summary: String

    public init(exceptionID: String, kind: String, severity: String, raisedAt: Timestamp, correlationID: String, summary: String) {
        self.exceptionID = exceptionID
        self.kind = kind
        self.severity = severity
        self.raisedAt = raisedAt
        self.correlationID = correlationID
        self.summary = summary
    }
}

/// Drill-down queries: the items that make up each golden signal. Same as-of and window rules as
/// ``SignalSource/signals(asOf:window:)``; lists are capped at `limit` rows.
public protocol SignalDetailsSource: Sendable {
    func activationDetails(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> ActivationDetails
    func provisioningFailures(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> [ProvisioningFailure]
    func amendmentStatuses(asOf: Timestamp, window: SignalDuration) async throws(StoreError) -> [AmendmentStatus]
    /// Unbilled entries, largest amount first.
    func unbilledEntries(asOf: Timestamp, limit: Int) async throws(StoreError) -> [UnbilledEntry]
    /// Open exceptions, oldest first.
    func openExceptions(asOf: Timestamp, limit: Int) async throws(StoreError) -> [OpenException]
}
