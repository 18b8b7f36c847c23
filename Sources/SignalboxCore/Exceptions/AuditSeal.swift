/// The audit-chain link an event carries in its `audit` envelope extension:
/// `"audit": {"v": 2, "prev": "<64 hex>", "hash": "<64 hex>"}` (version 1 links, written before, have no `v`).
public struct AuditSeal: Hashable, Sendable {
    /// The envelope field that holds the seal.
    public static let fieldName = "audit"

    /// What a link's hash covers.
    public enum Version: Int, Hashable, Sendable {
        /// `SHA-256(prev + "\n" + JSON line without audit)`: the payload only. Console events of stores written
        /// before version 2; still verified, with the stored columns checked against the payload.
        case v1 = 1
        /// `SHA-256("signalbox-audit-v2\n" + prev + "\n" + event_id, type, source, entity_key, correlation_id,
        /// occurred_at (µs) as stored, one per line + "\n" + JSON line without audit)`: every column the store
        /// finds and folds events by, and the payload (actor and data).
        case v2 = 2
    }

    public var version: Version
    /// The hash of the previous chained event (``AuditChain/genesisHash`` for the first).
    public var previousHash: String
    public var hash: String

    public init(version: Version = .v2, previousHash: String, hash: String) {
        self.version = version
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Reads a seal from its JSON form; nil when it is not an object with string `prev` and `hash` (and, when
    /// present, a known integer `v`).
    public init?(json: JSONValue) {
        guard case .object(let object) = json, case .string(let previous)? = object["prev"],
              case .string(let hash)? = object["hash"] else { return nil }
        var version = Version.v1
        if let tag = object["v"] {
            guard case .number(let lexeme) = tag, let number = Int(lexeme), let known = Version(rawValue: number) else {
                return nil
            }
            version = known
        }
        self.init(version: version, previousHash: previous, hash: hash)
    }

    public var json: JSONValue {
        guard version != .v1 else { return .object(["prev": .string(previousHash), "hash": .string(hash)]) }
        return .object(["v": .number(String(version.rawValue)), "prev": .string(previousHash), "hash": .string(hash)])
    }
}

extension CanonicalEvent {
    /// The event's audit seal, when it carries a well-formed one.
    public var auditSeal: AuditSeal? { extensions[AuditSeal.fieldName].flatMap(AuditSeal.init(json:)) }
}
