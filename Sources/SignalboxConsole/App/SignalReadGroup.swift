import SignalboxCore

/// The sections the console reads together, each group on its own pace (``ReadPacing``).
///
/// Sections 1–9 are one consistent read that costs tens of milliseconds at a million events; §10 compares money entry
/// by entry and costs some twenty times that. Read together, every recompute would pay for §10; apart, the flow
/// refreshes every interval and the reconciliation as often as its cost allows.
public enum SignalReadGroup: String, CaseIterable, Hashable, Sendable, Codable, CodingKeyRepresentable {
    /// Sections 1–9: the flow from contract to cash.
    case flow
    /// Section 10: the billing-reconciliation controls.
    case reconciliation

    /// The sections this group reads.
    public var sections: SignalSections {
        switch self {
        case .flow: [.v1, .v2]
        case .reconciliation: .reconciliation
        }
    }

    /// The group a signal's figures are read in.
    public init(_ kind: SignalKind) {
        self = kind == .reconciliation ? .reconciliation : .flow
    }

    /// The groups whose sections `sections` holds in full.
    public static func held(in sections: SignalSections) -> [SignalReadGroup] {
        allCases.filter { sections.isSuperset(of: $0.sections) }
    }

    /// The sections of `groups`.
    public static func sections(of groups: some Sequence<SignalReadGroup>) -> SignalSections {
        groups.reduce(into: SignalSections()) { $0.formUnion($1.sections) }
    }
}
