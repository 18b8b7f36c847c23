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
