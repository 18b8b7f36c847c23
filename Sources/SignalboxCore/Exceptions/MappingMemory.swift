/// A record's identity in its system: the subject of an exception, or a mapping target.
public struct RecordKey: Hashable, Sendable, CustomStringConvertible {
    public var system: String
    public var key: String

    public init(system: String, key: String) {
        self.system = system
        self.key = key
    }

    public init(_ record: SystemRecord) { self.init(system: record.system, key: record.key) }

    /// `CRM/C-17`
    public var description: String { "\(system)/\(key)" }
}

/// A mapping someone chose earlier, offered as the answer for the next exception about the same subject.
public struct RememberedMapping: Hashable, Sendable {
    public var target: RecordKey
    /// Who resolved it, and when (`occurred_at`).
    public var resolved: ActorStamp
    /// The exception whose resolution stated the mapping.
    public var exceptionID: String
    public var sequence: Int64

    public init(target: RecordKey, resolved: ActorStamp, exceptionID: String, sequence: Int64) {
        self.target = target
        self.resolved = resolved
        self.exceptionID = exceptionID
        self.sequence = sequence
    }

    /// The position of the remembered target among `record`'s candidates, when it is one of them.
    public func candidateIndex(in record: ExceptionRecord) -> Int? {
        record.candidates.firstIndex { RecordKey($0.record) == target }
    }

    /// The choice that resolves `record` with this mapping.
    public var choice: ResolutionChoice { .target(key: target.key, system: target.system) }
}

/// The latest resolved mapping per subject (source system and key), from `exception.resolved` events.
///
/// When the same subject was mapped twice, the later `occurred_at` wins and, on a tie, the
/// later-ingested event (the spec's latest-wins rule), whatever order events are applied in.
///
/// ```swift
/// let memory = MappingMemory(events: log)
/// if let suggestion = memory.suggestion(for: record) { … suggestion.target … }
/// ```
public struct MappingMemory: Hashable, Sendable {
    public private(set) var mappings: [RecordKey: RememberedMapping] = [:]

    public init() {}

    public init(events: [LoggedEvent]) {
        for logged in events { apply(logged) }
    }

    /// Takes in one event; anything but an `exception.resolved` with a mapping is ignored.
    public mutating func apply(_ logged: LoggedEvent) {
        guard case .exceptionResolved(let data) = logged.event.payload, let mapping = data.mapping else { return }
        let subject = RecordKey(system: mapping.sourceSystem, key: mapping.sourceKey)
        let candidate = RememberedMapping(
            target: RecordKey(system: mapping.targetSystem, key: mapping.targetKey),
            resolved: ActorStamp(by: data.by, at: logged.event.occurredAt),
            exceptionID: data.exceptionID, sequence: logged.sequence
        )
        if let current = mappings[subject],
           (current.resolved.at, current.sequence) > (candidate.resolved.at, candidate.sequence) {
            return
        }
        mappings[subject] = candidate
    }

    /// The remembered mapping for a subject.
    public subscript(subject: RecordKey) -> RememberedMapping? { mappings[subject] }

    /// The suggested answer for `record`: the latest mapping of its subject, if any.
    public func suggestion(for record: ExceptionRecord) -> RememberedMapping? {
        record.subject.flatMap { mappings[RecordKey($0)] }
    }
}
