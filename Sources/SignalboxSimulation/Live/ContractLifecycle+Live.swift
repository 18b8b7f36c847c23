import SignalboxCore

extension ContractLifecycle {
    /// Records that the simulator provisioned the project and created the billing schedule after a
    /// blocking exception was resolved, so weekly time, invoices and milestones follow from then on.
    /// Flows that already happened keep their original times.
    func activated(provisionedAt: Timestamp, scheduleCreatedAt: Timestamp) {
        blockingMappingExceptionID = nil
        if self.provisionedAt == nil { self.provisionedAt = provisionedAt }
        if self.scheduleCreatedAt == nil { self.scheduleCreatedAt = scheduleCreatedAt }
    }
}
