/// A batch written in one transaction.
public struct IngestBatch: Sendable {
    public var lines: [IngestLine]
    public init(lines: [IngestLine]) { self.lines = lines }
}
