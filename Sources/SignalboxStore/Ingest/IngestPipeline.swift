#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SignalboxCore

/// Reads JSON Lines inputs, validates every line and writes them to a store in batched transactions.
///
/// Each transaction commits on its own, so an interrupted ingest keeps every transaction it reported, and
/// running the same input again stores only what is missing (events are idempotent on `event_id`, rejected
/// lines on input name, line number and text). Lines are decoded in batches of ``linesPerDecodeBatch``, one
/// batch ahead of the store, so memory does not grow with the transaction size.
public struct IngestPipeline: Sendable {
    /// Lines per transaction (at least; a transaction ends at the first decode batch boundary after it).
    public var batchSize: Int
    /// The longest line accepted as an event; longer lines are rejected (their first bytes are kept).
    public var maximumLineLength: Int
    /// Lines decoded together and handed to the store at once (never more than ``batchSize``).
    public var linesPerDecodeBatch: Int
    /// The clock skew tolerated between a decision and an ingested outcome (``IngestBatch/clockSkewTolerance``).
    public var clockSkewTolerance: SignalDuration

    public init(batchSize: Int = 200_000, maximumLineLength: Int = 1 << 20, linesPerDecodeBatch: Int = 8_192,
                clockSkewTolerance: SignalDuration = .zero) {
        self.batchSize = batchSize
        self.maximumLineLength = maximumLineLength
        self.linesPerDecodeBatch = linesPerDecodeBatch
        self.clockSkewTolerance = clockSkewTolerance
    }

    /// What one input produced.
    public struct Outcome: Sendable {
        public var summary = IngestSummary()
        /// The first rejected lines (at most ``IngestPipeline/sampleLimit``), for the operator's screen.
        public var sampleRejections: [RejectedLine] = []
    }

    /// How many rejected lines an ``Outcome`` lists.
    public static let sampleLimit = 20

    /// Decodes an input held in memory (an HTTP request's body) exactly as ``ingest(path:into:progress:)`` decodes
    /// a file, line by line, named `sourceName` in its rejected lines; the caller writes it with
    /// ``EventIngesting/ingest(_:)`` in one transaction. A large body is decoded in `parts` slices at once (one per
    /// core by default), its lines kept in order.
    public func decode(body: [UInt8], sourceName: String,
                       parts: Int = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))) async -> IngestBatch {
        var reader = LineReader(bytes: body, maximumLength: maximumLineLength + 1)
        var lines: [LineReader.Line] = []
        // An in-memory reader never reads a descriptor, so it cannot fail.
        while let line = try? reader.next() { lines.append(line) }
        let decoder = LineDecoder(sourceName: sourceName, maximumLineLength: maximumLineLength)
        let sliceLength = max(Self.linesWorthASlice, (lines.count + max(parts, 1) - 1) / max(parts, 1))
        let slices = stride(from: 0, to: lines.count, by: sliceLength).map { Array(lines[$0..<min($0 + sliceLength, lines.count)]) }
        guard slices.count > 1 else { return IngestBatch(lines: await decoder.decode(lines)) }
        let decoded = await withTaskGroup(of: (Int, [IngestLine]).self) { group in
            for (index, slice) in slices.enumerated() { group.addTask { (index, await decoder.decode(slice)) } }
            var decoded = [[IngestLine]](repeating: [], count: slices.count)
            for await (index, part) in group { decoded[index] = part }
            return decoded
        }
        return IngestBatch(lines: Array(decoded.joined()))
    }

    /// Fewer lines than this are decoded in one go: splitting them costs more than it saves.
    static let linesWorthASlice = 1_024

    /// Ingests the file at `path` (`-` reads standard input), calling `progress` with the running total
    /// after each committed transaction.
    public func ingest(path: String, into store: any EventIngesting,
                       progress: @escaping @Sendable (IngestSummary) -> Void = { _ in }) async throws -> Outcome {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw IngestInputError.missing(path) }
        defer { if path != "-" { close(descriptor) } }
        let batches = DecodedBatches(
            reader: LineReader(descriptor: descriptor, maximumLength: maximumLineLength + 1),
            decoder: LineDecoder(sourceName: path, maximumLineLength: maximumLineLength),
            linesPerBatch: min(linesPerDecodeBatch, batchSize), sampleLimit: Self.sampleLimit)
        do {
            let summary = try await store.ingest(linesPerTransaction: batchSize, next: { [clockSkewTolerance] in
                var batch = try await batches.next()
                batch?.clockSkewTolerance = clockSkewTolerance
                return batch
            }, committed: progress)
            return Outcome(summary: summary, sampleRejections: await batches.sampleRejections)
        } catch {
            // The batch being read ahead must not read the descriptor once it is closed (or reused).
            await batches.stopReading()
            throw error
        }
    }
}
