extension EventStore {
    /// Gathers batches until a transaction's worth of lines, then stores them with ``ingest(_:)``.
    public func ingest(linesPerTransaction: Int, next: @escaping @Sendable () async throws -> IngestBatch?,
                       committed: @escaping @Sendable (IngestSummary) -> Void) async throws -> IngestSummary {
        var total = IngestSummary()
        var pending: [IngestLine] = []
        func flush() async throws(StoreError) {
            guard !pending.isEmpty else { return }
            total = total + (try await ingest(IngestBatch(lines: pending)))
            pending.removeAll(keepingCapacity: true)
            committed(total)
        }
        while let batch = try await next() {
            pending += batch.lines
            if pending.count >= linesPerTransaction { try await flush() }
        }
        try await flush()
        return total
    }
}
