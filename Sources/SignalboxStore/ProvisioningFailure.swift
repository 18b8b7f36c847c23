import SignalboxCore

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
