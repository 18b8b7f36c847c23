/// What ``AuditChain/verify(_:head:)`` found: the findings, and every link with its hash recomputed from the
/// genesis (never trusting a stored hash), which checkpoints are compared with.
public struct AuditVerification: Hashable, Sendable {
    /// One link of the chain, in log order.
    public struct Link: Hashable, Sendable {
        public var link: AuditFinding.Link
        /// The hash of this link computed from the content of every link up to it.
        public var recomputedHash: String
    }

    public var findings: [AuditFinding] = []
    public var links: [Link] = []

    public init() {}

    /// The checkpoint of the chain as it is now, stamped `at`; nil for an empty chain.
    public func checkpoint(at: Timestamp) -> AuditCheckpoint? {
        links.last.map { AuditCheckpoint(count: links.count, head: $0.recomputedHash, at: at) }
    }

    /// A finding for each checkpoint the log no longer extends: the log has fewer links than it counted, or its
    /// link at that count hashes differently (an event at or before it was edited, deleted, inserted or
    /// reordered, even with every stored hash recomputed).
    public func findings(against checkpoints: [AuditCheckpoint]) -> [AuditFinding] {
        let sorted = checkpoints.sorted { $0.count < $1.count }
        var findings: [AuditFinding] = []
        var lastHolding: AuditCheckpoint?
        for checkpoint in sorted {
            guard checkpoint.count <= links.count else {
                findings.append(.checkpointTruncated(checkpoint, linkCount: links.count))
                continue
            }
            let link = links[checkpoint.count - 1]
            if link.recomputedHash == checkpoint.head {
                lastHolding = checkpoint
            } else {
                let firstSuspect = lastHolding.map { links[$0.count].link } ?? links[0].link
                findings.append(.checkpointRewritten(checkpoint, link: link.link, firstSuspect: firstSuspect))
            }
        }
        return findings
    }
}

/// The chain's length and recomputed head hash at a moment, printed by `signalbox audit checkpoint` to be kept
/// outside the store (a ticket, a log shipper, another machine): one line,
/// `signalbox-audit-checkpoint count=42 head=<64 hex> at=2026-12-04T05:00:00Z`.
public struct AuditCheckpoint: Hashable, Sendable, CustomStringConvertible {
    static let tag = "signalbox-audit-checkpoint"

    /// How many links the chain had.
    public var count: Int
    /// The recomputed hash of the last of them.
    public var head: String
    /// When the checkpoint was taken (informative).
    public var at: Timestamp

    public init(count: Int, head: String, at: Timestamp) {
        self.count = count
        self.head = head
        self.at = at
    }

    /// Reads a checkpoint line; nil when the line is not one.
    public init?(line: String) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard words.first == Substring(Self.tag) else { return nil }
        var fields: [Substring: Substring] = [:]
        for word in words.dropFirst() {
            guard let equals = word.firstIndex(of: "=") else { return nil }
            fields[word[..<equals]] = word[word.index(after: equals)...]
        }
        guard let count = fields["count"].flatMap({ Int($0) }), count > 0, let head = fields["head"],
              head.utf8.count == 64, head.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
              let time = fields["at"], let at = try? Timestamp(rfc3339: String(time)) else { return nil }
        self.init(count: count, head: String(head), at: at)
    }

    public var description: String { "\(Self.tag) count=\(count) head=\(head) at=\(at.rfc3339)" }
}
