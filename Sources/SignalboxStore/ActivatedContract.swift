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
