import SignalboxCore

/// Turns one input line into an event or a rejection.
struct LineDecoder: Sendable {
    /// The input's name, kept with rejected lines.
    let sourceName: String
    /// The longest line accepted as an event; longer lines are rejected (their first bytes are kept).
    let maximumLineLength: Int

    /// Decodes lines in order, off the caller's actor; blank lines are dropped.
    @concurrent func decode(_ lines: [LineReader.Line]) async -> [IngestLine] { lines.compactMap(decode) }

    /// One line as an event or a rejection; nil for a blank line.
    func decode(_ line: LineReader.Line) -> IngestLine? {
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
            if event.source == .console { return reject(ExceptionActionError.consoleEventIngested.description) }
            return .event(event, json: text, origin: LineOrigin(sourceName: sourceName, lineNumber: line.number))
        } catch {
            return reject("\(error)")
        }
    }
}
