/// Signal 3, amendment propagation accuracy (golden-signals.md §3).
enum AmendmentReference {
    static func compute(_ log: ReferenceLog) -> AmendmentAccuracy {
        // Latest wins: one amendment per (contract_id, version), one applied state per target too.
        let amendments = log.facts(\.contractAmended).histories { AmendmentKey(contractID: $0.contractID, version: $0.version) }
        let applications = log.facts(\.amendmentApplied).histories {
            AppliedKey(amendment: AmendmentKey(contractID: $0.contractID, version: $0.version), target: $0.target)
        }
        func appliedTerms(_ amendment: AmendmentKey, _ target: AmendmentTarget) -> ContractTerms? {
            applications[AppliedKey(amendment: amendment, target: target)]?.latest.data.applied
        }

        var accuracy = AmendmentAccuracy(accurate: 0, mismatched: 0, pending: 0)
        for (key, history) in amendments where log.inWindow(history.latest.occurredAt) {
            let propagation = AmendmentPropagation(
                changes: history.latest.data.changes, psa: appliedTerms(key, .psa), erp: appliedTerms(key, .erp)
            )
            switch propagation {
            case .accurate: accuracy.accurate += 1
            case .mismatched: accuracy.mismatched += 1
            case .pending: accuracy.pending += 1
            }
        }
        return accuracy
    }
}

private struct AmendmentKey: Hashable {
    let contractID: String
    let version: Int
}

private struct AppliedKey: Hashable {
    let amendment: AmendmentKey
    let target: AmendmentTarget
}
