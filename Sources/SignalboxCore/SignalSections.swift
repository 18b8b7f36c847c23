/// Which sections of the golden signals a read asks for, named by their keys in the JSON document
/// (golden-signals.md "JSON output"). A store runs only the reads of the sections asked for.
public struct SignalSections: OptionSet, Sendable, Hashable {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    /// §1.
    public static let activationLatency = SignalSections(rawValue: 1 << 0)
    /// §2.
    public static let provisioning = SignalSections(rawValue: 1 << 1)
    /// §3.
    public static let amendmentAccuracy = SignalSections(rawValue: 1 << 2)
    /// §4.
    public static let unbilledTime = SignalSections(rawValue: 1 << 3)
    /// §5.
    public static let exceptions = SignalSections(rawValue: 1 << 4)
    /// §6.
    public static let timeToInvoice = SignalSections(rawValue: 1 << 5)
    /// §7.
    public static let resolutionTime = SignalSections(rawValue: 1 << 6)
    /// §8.
    public static let invoiceToCash = SignalSections(rawValue: 1 << 7)
    /// §9.
    public static let throughput = SignalSections(rawValue: 1 << 8)
    /// §10.
    public static let reconciliation = SignalSections(rawValue: 1 << 9)

    /// Sections 1–5.
    public static let v1: SignalSections = [.activationLatency, .provisioning, .amendmentAccuracy, .unbilledTime, .exceptions]
    /// Sections 6–9.
    public static let v2: SignalSections = [.timeToInvoice, .resolutionTime, .invoiceToCash, .throughput]
    /// Every section.
    public static let all: SignalSections = [.v1, .v2, .reconciliation]

    /// Each single section with its JSON key, in the document's order.
    public static let keyed: [(key: String, section: SignalSections)] = [
        ("activation_latency", .activationLatency), ("provisioning", .provisioning),
        ("amendment_accuracy", .amendmentAccuracy), ("unbilled_time", .unbilledTime), ("exceptions", .exceptions),
        ("time_to_invoice", .timeToInvoice), ("resolution_time", .resolutionTime), ("invoice_to_cash", .invoiceToCash),
        ("throughput", .throughput), ("reconciliation", .reconciliation),
    ]

    /// The JSON keys of every section, in the document's order.
    public static var allKeys: [String] { keyed.map { $0.key } }

    /// ``allKeys`` separated by ", ", for help and error messages. Concatenated, not `joined(separator:)`: that generic
    /// entry looks up `Array`'s associated types at run time, 0.1 ms of the start of `signalbox signals`.
    public static var keyList: String { keyed.dropFirst().reduce(keyed[0].key) { $0 + ", " + $1.key } }

    /// The section named by a JSON key, or nil for a key that names none.
    public init?(key: String) {
        guard let found = Self.keyed.first(where: { $0.key == key }) else { return nil }
        self = found.section
    }

    /// Whether the JSON member `key` belongs to these sections; keys that name no section (`as_of`,
    /// `window_seconds`) always do.
    public func includes(key: String) -> Bool {
        SignalSections(key: key).map { contains($0) } ?? true
    }
}
