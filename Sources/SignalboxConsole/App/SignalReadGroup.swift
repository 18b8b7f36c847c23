import SignalboxCore

/// The sections the console reads together, each group on its own pace (``ReadPacing``): a dashboard page's flow
/// tiles are one group, so a console that opens draws the first page without waiting for the second, and the page on
/// screen is read at the recompute interval, the other page's only as often as hidden figures are.
///
/// Sections 1–5 and 6–9 each cost tens of milliseconds at a million events (a hundred or so at ten million); §10
/// compares money entry by entry and costs some twenty times that. Read together, every recompute would pay for all;
/// apart, the visible groups refresh every interval and the costly one as often as its cost allows. The cases are in
/// the order a console opening reads them: the page it opens on, the other page's flow, then §10.
public enum SignalReadGroup: String, CaseIterable, Hashable, Sendable, Codable, CodingKeyRepresentable {
    /// Sections 1–5, the first dashboard page: the front of the flow, from contract to unbilled time and exceptions.
    case front
    /// Sections 6–9, the flow tiles of the second page: the back of the flow, from time to invoice to cash.
    case back
    /// Section 10: the billing-reconciliation controls.
    case reconciliation

    /// The sections this group reads.
    public var sections: SignalSections {
        switch self {
        case .front: .v1
        case .back: .v2
        case .reconciliation: .reconciliation
        }
    }

    /// The group a signal's figures are read in.
    public init(_ kind: SignalKind) {
        switch kind {
        case .activation, .provisioning, .amendments, .unbilled, .exceptions: self = .front
        case .timeToInvoice, .resolution, .invoiceToCash, .throughput: self = .back
        case .reconciliation: self = .reconciliation
        }
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
