import SignalboxStore

/// Counts change notifications; callers can read the count or wait for it to move.
/// It also knows whether the listening connection is up, so a lost server is reported, not silently idle.
actor ChangeCounter {
    private(set) var value: Int64 = 0
    /// The changes counted in ``value`` that were not publications of figures (``PostgresPublication``).
    private(set) var logValue: Int64 = 0
    /// Why notifications cannot arrive right now (the listening connection is down), or nil while listening.
    private(set) var outage: StoreError?

    /// Whether changes have been watched at least once since the store opened.
    private(set) var hasWatched = false

    /// The watching connection is (again) subscribed or polling. After a loss this counts one change, since
    /// changes may have been missed meanwhile.
    func markListening() {
        outage = nil
        if hasWatched { increment() }
        hasWatched = true
    }

    /// The listening connection was lost; the store reconnects in the background.
    func markLost(_ error: StoreError) { outage = error }
    private var nextWaiterID = 0
    private var waiters: [Int: (after: Int64, continuation: CheckedContinuation<Int64, Never>)] = [:]

    /// Records one change (a publication of figures if `publication`) and wakes everyone waiting for a value past
    /// the old one.
    func increment(publication: Bool = false) {
        value += 1
        if !publication { logValue += 1 }
        for (id, waiter) in waiters where waiter.after < value {
            waiters[id] = nil
            waiter.continuation.resume(returning: value)
        }
    }

    /// Returns as soon as the count exceeds `token` (immediately if it already does), or the current count
    /// when the calling task is cancelled.
    func wait(after token: Int64) async -> Int64 {
        if value > token { return value }
        let id = nextWaiterID
        nextWaiterID += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: value)
                } else {
                    waiters[id] = (token, continuation)
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: Int) {
        waiters.removeValue(forKey: id)?.continuation.resume(returning: value)
    }
}
