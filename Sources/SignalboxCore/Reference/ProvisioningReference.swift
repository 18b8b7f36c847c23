/// Signal 2, project provisioning (golden-signals.md §2).
enum ProvisioningReference {
    static func compute(_ log: ReferenceLog) -> ProvisioningSignal {
        let succeeded = log.facts(\.projectProvisioned).filter { log.inWindow($0.occurredAt) }
        let failed = log.facts(\.projectProvisioningFailed).filter { log.inWindow($0.occurredAt) }

        // The first provisioning event of each contract, of either type, over all time up to asOf.
        let firstEvents = log.facts(ProvisioningOutcome.init).histories(by: \.contractID).values
            .map(\.earliest)
            .filter { log.inWindow($0.occurredAt) }
        return ProvisioningSignal(
            succeeded: succeeded.count,
            failed: failed.count,
            firstEvents: firstEvents.count,
            firstPassed: firstEvents.filter(\.data.passed).count
        )
    }
}

/// A `project.provisioned` (passed) or `project.provisioning_failed` (not passed) event.
private struct ProvisioningOutcome {
    let contractID: String
    let passed: Bool

    init?(_ payload: EventPayload) {
        if let provisioned = payload.projectProvisioned {
            self.contractID = provisioned.contractID
            self.passed = true
        } else if let failure = payload.projectProvisioningFailed {
            self.contractID = failure.contractID
            self.passed = false
        } else {
            return nil
        }
    }
}
