import SignalboxCore

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

extension ActivatedContract {
    /// The texts the drill-down's `/` filter searches (``DetailListSQL/activatedContracts(asOf:window:request:dialect:)`` searches the same in the store): the
    /// contract, customer and state; not its figures (latency, time).
    public var searchableText: [String] { [contractID, customerName, "activated"] }
}
