import Crypto

/// A hash chain over every event that changes an exception (console actions and integrations' reports alike),
/// so that editing, deleting, inserting or reordering one is detected.
///
/// Each chained event carries ``AuditSeal``: the previous chained event's hash and its own. Version 2 links
/// hash the columns the store reads (event id, type, source, entity key, correlation id, time) with the JSON
/// line (actor, data); version 1 links (console events of older stores) hash the JSON line only, and their
/// columns are checked against it. A chain kept inside the store proves nothing against someone who can
/// rewrite the store: they can recompute every hash and the head. ``AuditCheckpoint`` is the anchor kept
/// outside: the count and recomputed head hash of the chain at some moment, which a later log must extend.
///
/// ```swift
/// let sealed = AuditChain.seal(event, previousHash: head)
/// let verification = AuditChain.verify(rows, head: storedHead)
/// verification.findings                       // [] when intact
/// verification.findings(against: checkpoints) // [] when the log extends every checkpoint
/// ```
public enum AuditChain {
    /// The previous hash of the first link: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The event types chained whatever their source (`CONSOLE` events are chained whatever their type).
    public static let chainedTypes: [EventType] = [
        .exceptionRaised, .exceptionClaimed, .exceptionReleased, .exceptionResolved, .exceptionDismissed,
        .exceptionNoted, .reprocessRequested, .reprocessApproved, .reprocessCompleted,
    ]

    /// True for the events the chain covers: console actions and every event that changes an exception.
    public static func isChained(_ event: CanonicalEvent) -> Bool {
        event.source == .console || chainedTypes.contains(event.type)
    }

    /// True for a stored row the chain covers, judged by its columns (what the store reads).
    static func isChained(_ columns: AuditRow.Columns) -> Bool {
        columns.source == SourceSystem.console.rawValue || chainedTypes.contains { $0.rawValue == columns.type }
    }

    /// The version-1 hash of `event` (its `audit` field left out) linked after `previousHash`.
    public static func hash(of event: CanonicalEvent, previousHash: String) -> String {
        digest(previousHash + "\n" + unsealedLine(event))
    }

    /// The hash of a stored row linked after `previousHash`, as a link of `version` computes it.
    public static func hash(of row: AuditRow, previousHash: String, version: AuditSeal.Version) -> String {
        switch version {
        case .v1: hash(of: row.event, previousHash: previousHash)
        case .v2: v2Hash(of: row.columns, unsealedLine: unsealedLine(row.event), previousHash: previousHash)
        }
    }

    /// `event` with its `audit` field set to a version-2 link after `previousHash` (replacing any seal it had).
    public static func seal(_ event: CanonicalEvent, previousHash: String) -> CanonicalEvent {
        sealedLine(event, previousHash: previousHash).event
    }

    /// `event` sealed as ``seal(_:previousHash:)`` seals it, with the sealed event's JSON line (what
    /// ``CanonicalEvent/jsonLine`` gives), serialising the event once: the line the hash covers is the sealed line
    /// without its `audit` member, which an event that had none gets last.
    public static func sealedLine(_ event: CanonicalEvent, previousHash: String) -> (event: CanonicalEvent, jsonLine: String) {
        let unsealed = unsealedLine(event)
        let seal = AuditSeal(version: .v2, previousHash: previousHash,
                             hash: v2Hash(of: AuditRow.Columns(of: event), unsealedLine: unsealed, previousHash: previousHash))
        var sealed = event
        sealed.extensions[AuditSeal.fieldName] = seal.json
        // A seal the event already carried keeps its place among the members: serialise the whole event.
        guard event.extensions[AuditSeal.fieldName] == nil else { return (sealed, sealed.jsonLine) }
        var line = unsealed
        line.removeLast()  // the object's closing brace
        line += ","
        JSONValue.writeString(AuditSeal.fieldName, to: &line)
        line += ":"
        seal.json.write(to: &line)
        line += "}"
        return (sealed, line)
    }

    private static func v2Hash(of columns: AuditRow.Columns, unsealedLine: String, previousHash: String) -> String {
        digest("signalbox-audit-v2\n" + previousHash + "\n" + columns.hashedText + "\n" + unsealedLine)
    }

    /// Seals `events` in order, the first after `previousHash`, each next one after the one before.
    public static func seal(_ events: [CanonicalEvent], after previousHash: String) -> [CanonicalEvent] {
        var previous = previousHash
        return events.map { event in
            let sealed = seal(event, previousHash: previous)
            previous = sealed.auditSeal?.hash ?? previous
            return sealed
        }
    }

    /// Checks the chain over stored rows (taken in `sequence` order) and, when given, the head kept beside them.
    ///
    /// After a finding, checking goes on from the stored hashes, so one edited or deleted row gives one finding
    /// and a swap of two rows gives two. Events of a chained type from other sources that were stored, unsealed,
    /// before this store's first version-2 link predate their chaining and are skipped.
    public static func verify(_ rows: [AuditRow], head: AuditHead? = nil) -> AuditVerification {
        var verification = AuditVerification()
        var previous: AuditFinding.Link?
        var expectedPrevious = genesisHash
        var recomputed = genesisHash
        var chainingEverything = false
        for row in rows.sorted(by: { $0.sequence < $1.sequence }) where isChained(row.columns) {
            let link = row.link
            guard let seal = row.event.auditSeal else {
                if row.columns.source == SourceSystem.console.rawValue || chainingEverything {
                    verification.findings.append(.unsealed(link))
                }
                continue
            }
            if seal.version == .v2 { chainingEverything = true }
            if seal.previousHash != expectedPrevious {
                verification.findings.append(.brokenLink(link, after: previous))
            }
            if let column = row.columns.firstDifference(from: AuditRow.Columns(of: row.event)) {
                verification.findings.append(.columnEdited(link, column: column))
            } else if hash(of: row, previousHash: seal.previousHash, version: seal.version) != seal.hash {
                verification.findings.append(.edited(link))
            }
            recomputed = hash(of: row, previousHash: recomputed, version: seal.version)
            verification.links.append(AuditVerification.Link(link: link, recomputedHash: recomputed))
            expectedPrevious = seal.hash
            previous = link
        }
        if let head, head.hash != expectedPrevious {
            verification.findings.append(.headMismatch(expectedSequence: head.sequence, found: previous))
        }
        return verification
    }

    /// Checks rows whose columns are the ones their events imply (a log held in memory).
    public static func verify(_ events: [LoggedEvent]) -> [AuditFinding] {
        verify(events.map(AuditRow.init)).findings
    }

    private static func unsealedLine(_ event: CanonicalEvent) -> String {
        var unsealed = event
        unsealed.extensions[AuditSeal.fieldName] = nil
        return unsealed.jsonLine
    }

    private static func digest(_ text: String) -> String {
        var text = text
        var hasher = SHA256()
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return Hexadecimal.lowercase(hasher.finalize())
    }
}
