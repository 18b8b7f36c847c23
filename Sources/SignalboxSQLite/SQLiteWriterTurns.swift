#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SignalboxCore

/// Fair turns between a bulk ingest and the store's other writers (a console or CLI action), which SQLite alone
/// does not give: a writer that finds the store locked waits at most its busy timeout, and an ingest's transaction
/// of 200,000 lines holds the lock longer than that.
///
/// A writer that has to wait says so in a flag file beside the store (`store.sqlite-waiting`, its modification
/// time renewed while it waits). The ingest looks for a fresh flag after each batch it writes (every few thousand
/// lines, well under a second): it then commits at once and lets the waiting writer take its turn before it
/// begins its next transaction, waiting at most ``ingestYieldLimit`` for the flag to go. A flag not renewed for
/// ``freshness`` is left behind by a writer that died, and ignored.
struct SQLiteWriterTurns: Sendable {
    /// How long a flag counts as someone waiting after its last renewal.
    static let freshness: SignalDuration = .seconds(2)
    /// The longest an ingest leaves the store to waiting writers before it goes on.
    static let ingestYieldLimit: Duration = .seconds(2)

    let flagPath: String

    init(storePath: String) { flagPath = storePath + "-waiting" }

    /// Creates or renews the flag.
    func announceWaiting() {
        let descriptor = open(flagPath, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o664)
        guard descriptor >= 0 else { return }
        _ = futimens(descriptor, nil)
        close(descriptor)
    }

    /// Removes the flag once the waiting writer has had its turn.
    func withdraw() { unlink(flagPath) }

    /// True when a writer renewed the flag within ``freshness``.
    var someoneIsWaiting: Bool {
        var status = stat()
        guard stat(flagPath, &status) == 0 else { return false }
        let renewed = Timestamp(microseconds: Int64(status.st_mtim.tv_sec) * 1_000_000 + Int64(status.st_mtim.tv_nsec) / 1_000)
        return SystemClock.now().since(renewed) < Self.freshness
    }

    /// Called by the ingest between batches, outside a transaction: returns once no writer is waiting any more, or
    /// after ``ingestYieldLimit``.
    func yieldToWaitingWriters() async {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: Self.ingestYieldLimit)
        while someoneIsWaiting, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
