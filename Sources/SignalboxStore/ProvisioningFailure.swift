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

extension ProvisioningFailure {
    /// The texts the drill-down's `/` filter searches: the contract, reason and message; not the time or attempt.
    public var searchableText: [String] { [contractID, reasonCode, message] }

    /// Each column's order as the drill-down shows them (contract, when, try, reason, message).
    public var sortKeys: [DetailSortKey] {
        [.text(contractID), .number(occurredAt.microseconds), .number(Int64(attempt)), .text(reasonCode), .text(message)]
    }
}
