import SignalboxCore

extension AmendmentStatus {
    /// Signal 3's population from stored events, for any store: `amendments` are the `contract.amended` events in
    /// the window (the latest per contract and version counts), `applications` the `amendment.applied` events at or
    /// before the as-of instant for those contracts (the latest per target counts). Sorted by amendment time,
    /// contract and version.
    public static func statuses(amendments: [StoredEvent], applications: [StoredEvent]) -> [AmendmentStatus] {
        var latest: [Key: (stored: StoredEvent, amendment: ContractAmended)] = [:]
        for stored in amendments {
            guard case .contractAmended(let amendment) = stored.event.payload else { continue }
            let key = Key(contractID: amendment.contractID, version: amendment.version)
            if latest[key].map({ stored.isLater(than: $0.stored) }) ?? true { latest[key] = (stored, amendment) }
        }
        var applied: [Key: [AmendmentTarget: (stored: StoredEvent, terms: ContractTerms)]] = [:]
        for stored in applications {
            guard case .amendmentApplied(let application) = stored.event.payload else { continue }
            let key = Key(contractID: application.contractID, version: application.version)
            guard latest[key] != nil else { continue }
            if applied[key]?[application.target].map({ stored.isLater(than: $0.stored) }) ?? true {
                applied[key, default: [:]][application.target] = (stored, application.applied)
            }
        }
        return inAmendmentOrder(latest.map { key, value in
            AmendmentStatus(contractID: key.contractID, version: key.version, amendedAt: value.stored.event.occurredAt,
                            changes: value.amendment.changes, applied: (applied[key] ?? [:]).mapValues(\.terms))
        })
    }

    /// One amendment's status from its changes and the latest terms each target reported applying (spec §3).
    public init(contractID: String, version: Int, amendedAt: Timestamp, changes: ContractTerms,
                applied: [AmendmentTarget: ContractTerms]) {
        self.init(contractID: contractID, version: version, amendedAt: amendedAt,
                  differingKeys: applied.mapValues { changes.differingKeys(in: $0) })
    }

    /// One amendment's status from the changed keys each target that reported holds differently.
    public init(contractID: String, version: Int, amendedAt: Timestamp, differingKeys: [AmendmentTarget: [String]]) {
        self.init(contractID: contractID, version: version, amendedAt: amendedAt,
                  propagation: AmendmentPropagation(differingKeys: differingKeys), differingKeys: differingKeys,
                  missingTargets: AmendmentTarget.allCases.filter { differingKeys[$0] == nil })
    }

    /// `statuses` sorted by amendment time, contract and version.
    public static func inAmendmentOrder(_ statuses: [AmendmentStatus]) -> [AmendmentStatus] {
        statuses.sorted { ($0.amendedAt, $0.contractID, $0.version) < ($1.amendedAt, $1.contractID, $1.version) }
    }

    /// One amendment: a contract and a version.
    private struct Key: Hashable {
        let contractID: String
        let version: Int
    }
}

extension AmendmentAccuracy {
    /// Counts the statuses by propagation.
    public init(statuses: [AmendmentStatus]) {
        self.init(accurate: 0, mismatched: 0, pending: 0)
        for status in statuses {
            switch status.propagation {
            case .accurate: accurate += 1
            case .mismatched: mismatched += 1
            case .pending: pending += 1
            }
        }
    }
}
