import SignalboxCore

extension SignalKind {
    /// The section of the golden signals this signal is read from.
    public var section: SignalSections {
        switch self {
        case .activation: .activationLatency
        case .provisioning: .provisioning
        case .amendments: .amendmentAccuracy
        case .unbilled: .unbilledTime
        case .exceptions: .exceptions
        case .timeToInvoice: .timeToInvoice
        case .resolution: .resolutionTime
        case .invoiceToCash: .invoiceToCash
        case .throughput: .throughput
        case .reconciliation: .reconciliation
        }
    }

    /// The sections the signals `kinds` are read from.
    public static func sections(of kinds: some Sequence<SignalKind>) -> SignalSections {
        kinds.reduce(into: SignalSections()) { $0.formUnion($1.section) }
    }
}
