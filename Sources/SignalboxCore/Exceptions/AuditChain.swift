import Crypto

/// A hash chain over console events, so that editing, deleting, inserting or reordering a
/// recorded human action is detected.
///
/// Each `CONSOLE` event carries ``AuditSeal``: the previous console event's hash and its own,
/// `SHA-256(previousHash + "\n" + jsonLine-without-audit)` in lowercase hex. The first link's
/// previous hash is ``genesisHash``. Only console events are chained; other systems' events are
/// not covered. A hash chain cannot by itself detect removal of its newest links or a rewrite of
/// the whole tail: keep the head hash (``AuditSeal/hash`` of the latest event) somewhere else to
/// detect those.
///
/// ```swift
/// let sealed = AuditChain.seal(event, previousHash: lastConsoleEvent?.auditSeal?.hash ?? AuditChain.genesisHash)
/// let findings = AuditChain.verify(log)  // [] when intact
/// ```
public enum AuditChain {
    /// The previous hash of the first link: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// True for the events the chain covers (source `CONSOLE`).
    public static func isChained(_ event: CanonicalEvent) -> Bool { event.source == .console }

    /// The hash of `event` (its `audit` field left out) linked after `previousHash`.
    public static func hash(of event: CanonicalEvent, previousHash: String) -> String {
        var unsealed = event
        unsealed.extensions[AuditSeal.fieldName] = nil
        let digest = SHA256.hash(data: Array((previousHash + "\n" + unsealed.jsonLine).utf8))
        return digest.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// `event` with its `audit` field set to link it after `previousHash` (replacing any seal it had).
    public static func seal(_ event: CanonicalEvent, previousHash: String) -> CanonicalEvent {
        var sealed = event
        let seal = AuditSeal(previousHash: previousHash, hash: hash(of: event, previousHash: previousHash))
        sealed.extensions[AuditSeal.fieldName] = seal.json
        return sealed
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

    /// Checks the chain over the console events of `events` (taken in `sequence` order).
    ///
    /// Returns nothing for an intact chain; otherwise findings in log order, the first naming the
    /// first broken link. After a finding, checking goes on from the stored hashes, so one edited
    /// or deleted row gives one finding and a swap of two rows gives two.
    public static func verify(_ events: [LoggedEvent]) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        var previous: AuditFinding.Link?
        var expectedPrevious = genesisHash
        for logged in events.sorted(by: { $0.sequence < $1.sequence }) where isChained(logged.event) {
            let link = AuditFinding.Link(sequence: logged.sequence, eventID: logged.event.eventID)
            guard let seal = logged.event.auditSeal else {
                findings.append(.unsealed(link))
                continue
            }
            if seal.previousHash != expectedPrevious {
                findings.append(.brokenLink(link, after: previous))
            }
            if hash(of: logged.event, previousHash: seal.previousHash) != seal.hash {
                findings.append(.edited(link))
            }
            expectedPrevious = seal.hash
            previous = link
        }
        return findings
    }
}
