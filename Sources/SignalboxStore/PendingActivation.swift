import SignalboxCore

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

extension PendingActivation {
    /// What the contract still waits for: `project+billing`, `project` or `billing`.
    public var waitingFor: String {
        provisionedAt == nil && billingScheduledAt == nil ? "project+billing" : provisionedAt == nil ? "project" : "billing"
    }

    /// The texts the drill-down's `/` filter searches (``DetailListSQL/pendingActivations(asOf:request:dialect:)`` searches the same in the store): the
    /// contract, customer, state and what it waits for; not its age, which moves with the clock.
    public var searchableText: [String] { [contractID, customerName, "pending", "waiting for \(waitingFor)"] }
}
