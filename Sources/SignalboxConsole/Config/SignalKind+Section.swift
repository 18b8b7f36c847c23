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

    /// Whether `signals` holds this signal's section: a console shows the flow before it has read §10, and
    /// `--only` reads some sections only.
    public func isRead(in signals: GoldenSignals) -> Bool {
        signals.sections.contains(section)
    }

    /// The sections the signals `kinds` are read from.
    public static func sections(of kinds: some Sequence<SignalKind>) -> SignalSections {
        kinds.reduce(into: SignalSections()) { $0.formUnion($1.section) }
    }
}
