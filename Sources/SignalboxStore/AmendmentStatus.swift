import SignalboxCore

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
