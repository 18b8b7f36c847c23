import Dispatch
import SignalboxStore

/// Copies a bulk ingest's committed WAL pages into the database file on a thread of its own, so the
/// writer goes on with its next transaction meanwhile.
///
/// Checkpoints are passive: they copy what is committed and never wait for readers or the writer.
/// One that cannot finish leaves its pages in the WAL for the next.
final class SQLiteBackgroundCheckpointer: @unchecked Sendable {
    // Sendable because `connection` is only ever used on `queue`, which is serial.
    private let connection: SQLiteConnection
    private let queue = DispatchQueue(label: "signalbox.sqlite.checkpoint")

    init(path: String) throws(StoreError) {
        connection = try SQLiteConnection(path: path, readOnly: false)
    }

    /// Starts copying what is committed so far; returns at once.
    func checkpointCommitted() {
        queue.async { [self] in
            // A busy or failed passive checkpoint loses nothing: the pages stay in the WAL.
            try? self.connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        }
    }

    /// Returns when every checkpoint asked for so far has run.
    func finish() async {
        await withCheckedContinuation { continuation in queue.async { continuation.resume() } }
    }
}
