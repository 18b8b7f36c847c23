import SignalboxCore
import SignalboxStore

/// Where the PSA stands on one amendment (contract and version) as of T: what a rate-leakage row blames when the
/// rate the PSA priced at is not the card's (golden-signals.md §3 meets §10).
public enum PSAAmendmentState: String, Sendable, Equatable {
    /// The PSA has not reported applying the amendment.
    case pending
    /// The PSA applied it with other terms than the amendment's.
    case mismatched
    /// The PSA applied it as amended (the rate came from elsewhere: a hand-priced entry).
    case applied

    /// Where the PSA stands, as of `asOf`, on each amendment a rate-leakage row of `rows` takes its card rate from
    /// (signal 3's status, read over every amendment of their contracts up to `asOf`); empty without a read when no
    /// row names one.
    public static func read(for rows: ReconciliationRows, from store: some SignalDetailsSource,
                            asOf: Timestamp) async throws(StoreError) -> [AmendmentKey: PSAAmendmentState] {
        let wanted = ReconciliationTables.amendmentsBehind(rows)
        guard !wanted.isEmpty else { return [:] }
        let contracts = Set(wanted.map(\.contractID))
        return states(try await store.amendmentStatuses(ofContracts: contracts, asOf: asOf)).filter { wanted.contains($0.key) }
    }

    /// The same from a file of events (`signalbox reconcile --from-events`): every amendment and application up to
    /// `asOf`, in file order as arrival order.
    public static func read(for rows: ReconciliationRows, events: [CanonicalEvent], asOf: Timestamp) -> [AmendmentKey: PSAAmendmentState] {
        let wanted = ReconciliationTables.amendmentsBehind(rows)
        guard !wanted.isEmpty else { return [:] }
        let stored = events.enumerated().filter { $0.element.occurredAt <= asOf }.map { StoredEvent(sequence: Int64($0.offset + 1), event: $0.element) }
        let statuses = AmendmentStatus.statuses(amendments: stored.filter { $0.event.type == .contractAmended },
                                                applications: stored.filter { $0.event.type == .amendmentApplied })
        return states(statuses).filter { wanted.contains($0.key) }
    }

    /// The PSA's state for each amendment in `statuses`, by contract and version.
    public static func states(_ statuses: [AmendmentStatus]) -> [AmendmentKey: PSAAmendmentState] {
        var states: [AmendmentKey: PSAAmendmentState] = [:]
        for status in statuses {
            let state: PSAAmendmentState = status.missingTargets.contains(.psa) ? .pending
                : (status.differingKeys[.psa]?.isEmpty ?? true) ? .applied : .mismatched
            states[AmendmentKey(contractID: status.contractID, version: status.version)] = state
        }
        return states
    }
}

/// One amendment: a contract and a version.
public struct AmendmentKey: Hashable, Sendable {
    public var contractID: String
    public var version: Int

    public init(contractID: String, version: Int) {
        self.contractID = contractID
        self.version = version
    }
}
