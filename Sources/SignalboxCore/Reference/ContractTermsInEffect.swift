/// The contract terms section 10 reads (golden-signals.md §10): each contract's latest `contract.approved` and, per
/// version, its latest `contract.amended`, both ≤ T; from them the rate card in effect on a date and the value in
/// effect at T.
struct ContractTermsInEffect {
    /// The latest approval of each contract.
    let approvals: [String: ContractApproved]
    /// Each contract's amendments (the latest statement of each version), in ascending `version`.
    let amendments: [String: [ContractAmended]]

    init(_ log: ReferenceLog) {
        approvals = log.facts(\.contractApproved).histories(by: \.contractID).mapValues(\.latest.data)
        let latestPerVersion = log.facts(\.contractAmended).histories { VersionKey(contractID: $0.contractID, version: $0.version) }
        amendments = Dictionary(grouping: latestPerVersion.values.map(\.latest.data), by: \.contractID)
            .mapValues { $0.sorted { $0.version < $1.version } }
    }

    /// The rate of `role` in the card in effect for `contractID` on `date`, and which card version set it; `nil` when the
    /// contract has no approval or the role is on no card in effect.
    func rate(contractID: String, role: String, on date: CivilDate) -> (rate: ExactDecimal, source: RateSource)? {
        guard let approval = approvals[contractID] else { return nil }
        var card: [String: (rate: ExactDecimal, source: RateSource)] = [:]
        for line in approval.rateCard { card[line.role] = (line.rate, RateSource(version: 1, effectiveDate: nil)) }
        for amendment in amendments[contractID] ?? [] where amendment.effectiveDate <= date {
            // Roles the amendment does not list keep their rate; roles it lists, new ones too, take its rate.
            for line in amendment.changes.rateCard ?? [] {
                card[line.role] = (line.rate, RateSource(version: amendment.version, effectiveDate: amendment.effectiveDate))
            }
        }
        return card[role]
    }

    /// The value of `contractID` in effect on `date` (T's UTC date): the latest approval's `total_value`, replaced in
    /// ascending version by each amendment's `changes.total_value` effective on or before `date`.
    func value(contractID: String, on date: CivilDate) -> ExactDecimal? {
        guard let approval = approvals[contractID] else { return nil }
        var value = approval.totalValue
        for amendment in amendments[contractID] ?? [] where amendment.effectiveDate <= date {
            if let changed = amendment.changes.totalValue { value = changed }
        }
        return value
    }
}

private struct VersionKey: Hashable {
    let contractID: String
    let version: Int
}
