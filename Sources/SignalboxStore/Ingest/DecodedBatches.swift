/// Reads an input in batches of lines and decodes them, one batch ahead of the caller.
///
/// While the store writes batch *k*, batch *k + 1* is read (on this actor) and decoded (off it), so the store
/// waits for its input only when reading and decoding are slower than writing (they take a quarter of the time
/// on one core). At most two batches are in memory, whatever the size of the input or of the store's
/// transactions.
actor DecodedBatches {
    private var reader: LineReader
    private let decoder: LineDecoder
    private let linesPerBatch: Int
    private var ahead: Task<Result<IngestBatch?, IngestInputError>, Never>?
    /// The first rejected lines seen, for the operator's screen.
    private(set) var sampleRejections: [RejectedLine] = []
    private let sampleLimit: Int

    init(reader: LineReader, decoder: LineDecoder, linesPerBatch: Int, sampleLimit: Int) {
        self.reader = reader
        self.decoder = decoder
        self.linesPerBatch = linesPerBatch
        self.sampleLimit = sampleLimit
    }

    /// The next decoded batch, or nil at the end of the input.
    func next() async throws(IngestInputError) -> IngestBatch? {
        let current = ahead ?? readAndDecode()
        ahead = nil
        guard let batch = try await current.value.get() else { return nil }
        ahead = readAndDecode()
        for case .rejected(let rejected) in batch.lines where sampleRejections.count < sampleLimit {
            sampleRejections.append(rejected)
        }
        return batch
    }

    /// Returns once the batch being read ahead is read, so the input can be closed.
    func stopReading() async {
        _ = await ahead?.value
        ahead = nil
    }

    /// Reads the next lines (on this actor, once the caller has left it) and decodes them off it; nil when the
    /// input is exhausted.
    private func readAndDecode() -> Task<Result<IngestBatch?, IngestInputError>, Never> {
        Task {
            let lines: [LineReader.Line]
            do throws(IngestInputError) { lines = try readLines() } catch { return .failure(error) }
            guard !lines.isEmpty else { return .success(nil) }
            return .success(IngestBatch(lines: await decoder.decode(lines)))
        }
    }

    private func readLines() throws(IngestInputError) -> [LineReader.Line] {
        var lines: [LineReader.Line] = []
        lines.reserveCapacity(linesPerBatch)
        while lines.count < linesPerBatch, let line = try reader.next() { lines.append(line) }
        return lines
    }
}
