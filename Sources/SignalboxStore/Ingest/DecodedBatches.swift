/// Reads an input in batches of lines and decodes them, one batch ahead of the caller.
///
/// While the store writes batch *k*, batch *k + 1* is being decoded on the other cores; at most
/// two batches are in memory, whatever the size of the input or of the store's transactions.
actor DecodedBatches {
    private var reader: LineReader
    private let decoder: LineDecoder
    private let linesPerBatch: Int
    private var ahead: Task<IngestBatch, Never>?
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
        if ahead == nil { ahead = try startDecoding() }
        guard let batch = await ahead?.value else { return nil }
        ahead = try startDecoding()
        for case .rejected(let rejected) in batch.lines where sampleRejections.count < sampleLimit {
            sampleRejections.append(rejected)
        }
        return batch
    }

    /// Reads the next lines and decodes them in the background; nil when the input is exhausted.
    private func startDecoding() throws(IngestInputError) -> Task<IngestBatch, Never>? {
        var lines: [LineReader.Line] = []
        lines.reserveCapacity(linesPerBatch)
        while lines.count < linesPerBatch, let line = try reader.next() { lines.append(line) }
        guard !lines.isEmpty else { return nil }
        let decoder = decoder
        return Task { IngestBatch(lines: await decoder.decodeInParallel(lines)) }
    }
}
