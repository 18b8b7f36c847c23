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

    public init(batchSize: Int = 5_000, maximumLineLength: Int = 1 << 20) {
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
                       progress: @Sendable (IngestSummary) -> Void = { _ in }) async throws -> Outcome {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw IngestInputError.missing(path) }
        defer { if path != "-" { close(descriptor) } }
        var reader = LineReader(descriptor: descriptor, maximumLength: maximumLineLength + 1)
        var outcome = Outcome()
        var lines: [IngestLine] = []
        lines.reserveCapacity(batchSize)
        while let line = try reader.next() {
            guard let decoded = decode(line, sourceName: path) else { continue }
            if case .rejected(let rejected) = decoded, outcome.sampleRejections.count < Self.sampleLimit {
                outcome.sampleRejections.append(rejected)
            }
            lines.append(decoded)
            if lines.count == batchSize {
                outcome.summary = outcome.summary + (try await store.ingest(IngestBatch(lines: lines)))
                progress(outcome.summary)
                lines.removeAll(keepingCapacity: true)
            }
        }
        if !lines.isEmpty {
            outcome.summary = outcome.summary + (try await store.ingest(IngestBatch(lines: lines)))
            progress(outcome.summary)
        }
        return outcome
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
        guard String(validating: line.bytes, as: UTF8.self) != nil else {
            return reject("line is not valid UTF-8 (offending bytes shown as U+FFFD)")
        }
        do {
            // Store the event as received (compacted), so fields this version does not know survive.
            let value = try JSONParser.parse(line.bytes)
            return .event(try CanonicalEvent(json: value), json: value.serialized)
        } catch {
            return reject("\(error)")
        }
    }
}
