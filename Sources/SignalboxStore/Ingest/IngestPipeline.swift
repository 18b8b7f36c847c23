#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SignalboxCore

/// Reads JSON Lines inputs, validates every line and writes them to a store in batched transactions.
///
/// Each batch commits on its own, so an interrupted ingest keeps every batch it reported, and running
/// the same input again stores only what is missing (events are idempotent on `event_id`, rejected
/// lines on input name, line number and text).
public struct IngestPipeline: Sendable {
    /// Lines per transaction.
    public var batchSize: Int
    /// The longest line accepted as an event; longer lines are rejected (their first bytes are kept).
    public var maximumLineLength: Int

    public init(batchSize: Int = 20_000, maximumLineLength: Int = 1 << 20) {
        self.batchSize = batchSize
        self.maximumLineLength = maximumLineLength
    }

    /// What one input produced.
    public struct Outcome: Sendable {
        public var summary = IngestSummary()
        /// The first rejected lines (at most ``IngestPipeline/sampleLimit``), for the operator's screen.
        public var sampleRejections: [RejectedLine] = []
    }

    /// How many rejected lines an ``Outcome`` lists.
    public static let sampleLimit = 20

    /// Ingests the file at `path` (`-` reads standard input), calling `progress` after each committed batch.
    public func ingest(path: String, into store: any EventStore,
                       progress: (IngestSummary) -> Void = { _ in }) async throws -> Outcome {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw IngestInputError.missing(path) }
        defer { if path != "-" { close(descriptor) } }
        var reader = LineReader(descriptor: descriptor, maximumLength: maximumLineLength + 1)
        var outcome = Outcome()
        var raw: [LineReader.Line] = []
        raw.reserveCapacity(batchSize)
        // While the store writes one batch, the next is decoded on the other cores; batches commit in order.
        var inFlight: Task<IngestSummary, any Error>?
        func submit(_ lines: [LineReader.Line]) async throws {
            let decoded = await decodeInParallel(lines, sourceName: path)
            for case .rejected(let rejected) in decoded where outcome.sampleRejections.count < Self.sampleLimit {
                outcome.sampleRejections.append(rejected)
            }
            if let task = inFlight {
                outcome.summary = outcome.summary + (try await task.value)
                progress(outcome.summary)
            }
            let batch = IngestBatch(lines: decoded)
            inFlight = Task { try await store.ingest(batch) }
        }
        while let line = try reader.next() {
            raw.append(line)
            if raw.count == batchSize {
                try await submit(raw)
                raw.removeAll(keepingCapacity: true)
            }
        }
        if !raw.isEmpty { try await submit(raw) }
        if let task = inFlight {
            outcome.summary = outcome.summary + (try await task.value)
            progress(outcome.summary)
        }
        return outcome
    }

    /// Decodes lines on all cores, keeping their order; blank lines are dropped.
    private func decodeInParallel(_ lines: [LineReader.Line], sourceName: String) async -> [IngestLine] {
        let parts = 4
        let chunk = (lines.count + parts - 1) / parts
        guard chunk > 256 else { return lines.compactMap { decode($0, sourceName: sourceName) } }
        return await withTaskGroup(of: (Int, [IngestLine]).self) { group in
            for part in 0..<parts {
                let slice = Array(lines[min(part * chunk, lines.count)..<min((part + 1) * chunk, lines.count)])
                group.addTask { (part, slice.compactMap { decode($0, sourceName: sourceName) }) }
            }
            var results = Array(repeating: [IngestLine](), count: parts)
            for await (part, decoded) in group { results[part] = decoded }
            return results.flatMap { $0 }
        }
    }

    /// One line as an event or a rejection; nil for a blank line.
    func decode(_ line: LineReader.Line, sourceName: String) -> IngestLine? {
        if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) && line.truncatedFrom == nil { return nil }
        func reject(_ reason: String) -> IngestLine {
            .rejected(RejectedLine(sourceName: sourceName, lineNumber: line.number,
                                   rawText: String(decoding: line.bytes, as: UTF8.self), reason: reason))
        }
        if let length = line.truncatedFrom ?? (line.bytes.count > maximumLineLength ? line.bytes.count : nil) {
            return reject("line is \(length) bytes, longer than the \(maximumLineLength)-byte limit (first bytes kept)")
        }
        guard let text = String(validating: line.bytes, as: UTF8.self) else {
            return reject("line is not valid UTF-8 (offending bytes shown as U+FFFD)")
        }
        do {
            // Store the line as received, so fields this version does not know survive.
            let event = try CanonicalEvent(json: try JSONParser.parse(line.bytes))
            return .event(event, json: text)
        } catch {
            return reject("\(error)")
        }
    }
}
