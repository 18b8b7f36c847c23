/// Turns a user's resolution choice into the mapping written in `exception.resolved`.
enum ResolutionMapping {
    /// The mapping subject → chosen record, or nil for ``ResolutionChoice/noMapping``.
    static func mapping(for choice: ResolutionChoice, on record: ExceptionRecord) throws(ExceptionActionError) -> RecordMapping? {
        let target: (system: String, key: String)
        switch choice {
        case .noMapping:
            return nil
        case .candidate(let index):
            let candidates = record.candidates
            guard candidates.indices.contains(index) else {
                throw .unknownCandidate(index: index, count: candidates.count)
            }
            target = (candidates[index].record.system, candidates[index].record.key)
        case .target(let key, let system):
            target = (try targetSystem(system, on: record), try keyText(key))
        }
        guard record.kind.acceptsMapping else { throw .notAMappingProblem(kind: record.kind) }
        guard let subject = record.subject else { throw .noSubjectToMap }
        return RecordMapping(sourceSystem: subject.system, sourceKey: subject.key,
                             targetSystem: target.system, targetKey: target.key)
    }

    private static func keyText(_ key: String) throws(ExceptionActionError) -> String {
        let trimmed = key.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw .emptyTargetKey }
        guard trimmed.count <= ExceptionRules.maximumKeyLength else {
            throw .textTooLong(field: "target key", limit: ExceptionRules.maximumKeyLength)
        }
        guard PrintableText.isPrintable(trimmed) else { throw .unprintableText(field: "target key") }
        return trimmed
    }

    /// The named system, or the one system all candidates share.
    private static func targetSystem(_ named: String?, on record: ExceptionRecord) throws(ExceptionActionError) -> String {
        if let named = named?.trimmingASCIIWhitespace(), !named.isEmpty {
            guard named.count <= ExceptionRules.maximumKeyLength else {
                throw .textTooLong(field: "target system", limit: ExceptionRules.maximumKeyLength)
            }
            guard PrintableText.isPrintable(named) else { throw .unprintableText(field: "target system") }
            return named
        }
        return try MappingCandidate.commonSystem(of: record.candidates)
    }
}

extension MappingCandidate {
    /// The system a bare target key is in: the one system all `candidates` share.
    /// - Throws: ``ExceptionActionError/targetSystemUnknown(candidateSystems:)`` when there are none, or several.
    public static func commonSystem(of candidates: [MappingCandidate]) throws(ExceptionActionError) -> String {
        let systems = Set(candidates.map(\.record.system)).sorted()
        guard systems.count == 1 else { throw .targetSystemUnknown(candidateSystems: systems) }
        return systems[0]
    }
}

extension ExceptionKind {
    /// Whether resolving this kind may record a mapping subject → target: only when the problem is which record
    /// the subject is (an ambiguous match, or a record missing in the target system). A rate mismatch or a failed
    /// posting about the same customer is closed with a note; a mapping there would be recorded against the wrong fix.
    public var acceptsMapping: Bool {
        switch self {
        case .ambiguousCustomerMapping, .missingMasterData: true
        case .rateMismatch, .amendmentConflict, .timeAfterCutoff, .duplicateEvent, .postingFailed, .provisioningFailed,
             .schemaViolation: false
        }
    }
}
