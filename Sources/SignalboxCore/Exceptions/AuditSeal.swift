/// The audit-chain link an event carries in its `audit` envelope extension:
/// `"audit": {"prev": "<64 hex>", "hash": "<64 hex>"}`.
public struct AuditSeal: Hashable, Sendable {
    /// The envelope field that holds the seal.
    public static let fieldName = "audit"

    /// The hash of the previous console event (``AuditChain/genesisHash`` for the first).
    public var previousHash: String
    /// SHA-256 (hex) over `previousHash + "\n" +` this event's JSON line without the `audit` field.
    public var hash: String

    public init(previousHash: String, hash: String) {
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Reads a seal from its JSON form; nil when it is not an object with string `prev` and `hash`.
    public init?(json: JSONValue) {
        guard case .object(let object) = json, case .string(let previous)? = object["prev"],
              case .string(let hash)? = object["hash"] else { return nil }
        self.init(previousHash: previous, hash: hash)
    }

    public var json: JSONValue { .object(["prev": .string(previousHash), "hash": .string(hash)]) }
}

extension CanonicalEvent {
    /// The event's audit seal, when it carries a well-formed one.
    public var auditSeal: AuditSeal? { extensions[AuditSeal.fieldName].flatMap(AuditSeal.init(json:)) }
}
