import PostgresNIO
import Synchronization
import SignalboxCore
import SignalboxStore

extension PostgresStore {
    /// Stores the batch in one transaction (see ``PostgresEventWriter``): duplicates (already stored, or repeated
    /// within the batch: the first line wins) are counted, not errors; accepted events update the projections in
    /// the same transaction; rejected lines are kept once per source, line and text. Rows are stamped with the
    /// store's clock as their arrival time.
    public func ingest(_ batch: IngestBatch) async throws(StoreError) -> IngestSummary {
        try ensureWritable()
        guard !batch.lines.isEmpty else { return IngestSummary() }
        let now = clock().microseconds
        return try await withTransaction { connection, logger in
            try await Self.write(batch, on: connection, logger: logger, ingestedAt: now)
        }
    }

    /// Keeps one transaction open across batches until it holds `linesPerTransaction` lines, so only the batch
    /// being written is in memory; the store's other calls use other connections and see committed transactions.
    public func ingest(linesPerTransaction: Int, next: @escaping @Sendable () async throws -> IngestBatch?,
                       committed: @escaping @Sendable (IngestSummary) -> Void) async throws -> IngestSummary {
        try ensureWritable()
        var total = IngestSummary()
        var pending = try await next()
        // The input's own error (an unreadable file, say) must reach the caller as itself, not as a store error.
        let inputFailure = InputFailure()
        while let first = pending {
            let now = clock().microseconds
            let outcome: (summary: IngestSummary, inputEnded: Bool)
            do {
                outcome = try await withTransaction { connection, logger in
                    var summary = IngestSummary()
                    var lines = 0
                    var batch = first
                    while true {
                        summary = summary + (try await Self.write(batch, on: connection, logger: logger, ingestedAt: now))
                        lines += batch.lines.count
                        if lines >= linesPerTransaction { return (summary, false) }
                        guard let following = try await inputFailure.recording({ try await next() }) else { return (summary, true) }
                        batch = following
                    }
                }
            } catch {
                throw inputFailure.error ?? error
            }
            total = total + outcome.summary
            committed(total)
            pending = outcome.inputEnded ? nil : try await next()
        }
        return total
    }

    private static func write(_ batch: IngestBatch, on connection: PostgresConnection, logger: Logger,
                              ingestedAt: Int64) async throws -> IngestSummary {
        var events: [(event: CanonicalEvent, json: String)] = []
        var rejected: [RejectedLine] = []
        var refusals: [RejectedLine] = []
        let admitted = try await PostgresIngestAdmission(connection: connection, logger: logger)
            .admit(batch.lines, clockSkew: batch.clockSkewTolerance)
        for (line, original) in zip(admitted, batch.lines) {
            switch line {
            case .event(let event, let json, _): events.append((event, json))
            case .rejected(let line):
                rejected.append(line)
                if case .event = original { refusals.append(line) }
            }
        }
        guard !events.isEmpty || !rejected.isEmpty else { return IngestSummary() }
        var summary = try await PostgresEventWriter(connection: connection, logger: logger, ingestedAt: ingestedAt)
            .write(events: events, rejected: rejected).summary
        summary.refusals = Array(refusals.prefix(IngestSummary.refusalsKept))
        return summary
    }
}

/// Remembers an error thrown by the ingest's input inside a transaction, which rolls the transaction back.
private final class InputFailure: Sendable {
    private let recorded = Mutex<(any Error)?>(nil)

    var error: (any Error)? { recorded.withLock { $0 } }

    func recording<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            recorded.withLock { $0 = error }
            throw error
        }
    }
}
