/// Signal 1, contract activation latency (golden-signals.md §1).
enum ActivationReference {
    static func compute(_ log: ReferenceLog) -> ActivationLatency {
        // A, P, B: the earliest approval, provisioning and billing schedule of each contract.
        let approvals = log.facts(\.contractApproved).histories(by: \.contractID)
        let provisionings = log.facts(\.projectProvisioned).histories(by: \.contractID)
        let schedules = log.facts(\.billingScheduleCreated).histories(by: \.contractID)

        var latencies: [SignalDuration] = []
        var pendingApprovals: [Timestamp] = []
        // Contracts without an approval are not in the population and are not pending.
        for (contractID, approval) in approvals {
            let approvedAt = approval.earliest.occurredAt
            if let provisionedAt = provisionings[contractID]?.earliest.occurredAt,
               let scheduledAt = schedules[contractID]?.earliest.occurredAt {
                let activatedAt = max(provisionedAt, scheduledAt)
                if log.inWindow(activatedAt) { latencies.append(activatedAt.since(approvedAt)) }
            } else {
                pendingApprovals.append(approvedAt)
            }
        }
        return ActivationLatency(
            latencies: latencies,
            pending: pendingApprovals.count,
            oldestPending: pendingApprovals.min().map { log.asOf.since($0) }
        )
    }
}
