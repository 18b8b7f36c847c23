import SignalboxCore
import SignalboxStore

/// The failed event an exception's reprocess request replays: a request needs it in the store.
enum FailedEventFixture {
    /// `failed-ID`, a PSA provisioning failure of contract C-1 at `at`.
    static func line(for exceptionID: String, at: Timestamp) -> IngestLine {
        let event = CanonicalEvent(
            eventID: "failed-\(exceptionID)", occurredAt: at, source: .psa, correlationID: "C-1",
            payload: .projectProvisioningFailed(ProjectProvisioningFailed(contractID: "C-1", attempt: 1,
                                                                          reasonCode: "PSA-500", message: "rejected")))
        return .event(event, json: event.jsonLine)
    }
}
