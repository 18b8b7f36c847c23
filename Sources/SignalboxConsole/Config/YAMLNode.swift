import Yams

/// A problem at one place of a YAML document: the dotted key path (`roles.ok.fg`), its line, and why.
///
/// Theme and configuration loaders add the file name and turn it into their own error type.
struct YAMLFieldError: Error, Equatable, Sendable {
    /// Dotted path of the offending key; empty for the document itself.
    let key: String
    /// What is wrong, for a human.
    let reason: String
    /// The 1-based line of the document the problem is on, when known.
    let line: Int?

    init(key: String, reason: String, line: Int? = nil) {
        self.key = key
        self.reason = reason
        self.line = line
    }
}

/// A read-only view of one node of a parsed YAML document that knows where it is, so every
/// complaint names its key. Only plain data is accepted: mappings with string keys, lists and scalars.
struct YAMLNode {
    /// Dotted path from the document root; empty at the root.
    let path: String
    private let node: Node?
    /// The line of the key this value belongs to, for a value left empty.
    private let keyLine: Int?

    /// Parses `text`; an empty document is an empty mapping.
    init(parsing text: String) throws(YAMLFieldError) {
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            let (problem, line) = Self.problem(of: error)
            throw YAMLFieldError(key: "", reason: "not valid YAML: \(problem)", line: line)
        }
        path = ""
        keyLine = nil
    }

    private init(node: Node?, path: String, keyLine: Int? = nil) {
        self.node = node
        self.path = path
        self.keyLine = keyLine
    }

    /// The path of a child key.
    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func fail(_ reason: String) -> YAMLFieldError { YAMLFieldError(key: path, reason: reason, line: line) }

    /// The 1-based line this node starts on (for an empty value, its key's line).
    var line: Int? { node?.mark?.line ?? keyLine }

    /// A parse error's problem on one line, and its line when the parser says.
    private static func problem(of error: any Error) -> (String, Int?) {
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _)?, .parser(let context, let problem, let mark, _)?,
             .composer(let context, let problem, let mark, _)?:
            ((context.map { "\($0.text): " } ?? "") + problem, mark.line)
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            ("duplicated key(s): \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))", context.mark.line)
        default:
            (String(describing: error).split(separator: "\n").first.map(String.init) ?? "", nil)
        }
    }

    /// The entries of a mapping in document order; `nil` or an empty document gives none.
    /// Rejects non-string keys and keys outside `allowed` (the YAML parser already rejects duplicate keys).
    func mapping(allowedKeys allowed: [String]) throws(YAMLFieldError) -> [(key: String, value: YAMLNode)] {
        guard let node else { return [] }
        guard case .mapping(let mapping) = node else { throw fail("expected a mapping of keys, found \(kind)") }
        var entries: [(key: String, value: YAMLNode)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                throw YAMLFieldError(key: path, reason: "keys must be plain words", line: keyNode.mark?.line)
            }
            let key = scalar.string
            let child = YAMLNode(node: valueNode, path: childPath(key), keyLine: keyNode.mark?.line)
            guard allowed.contains(key) else {
                throw YAMLFieldError(key: child.path, reason: "unknown key (expected one of: \(allowed.joined(separator: ", ")))",
                                     line: keyNode.mark?.line)
            }
            entries.append((key, child))
        }
        return entries
    }

    /// The text of a scalar value. A missing value (`key:` or `key: ~`) is an error that hints at
    /// the usual cause, an unquoted `#` starting a comment.
    func scalarText() throws(YAMLFieldError) -> String {
        guard let node, case .scalar(let scalar) = node else {
            throw fail(node == nil ? "missing value" : "expected a single value, found \(kind)")
        }
        if isEmptyValue {
            throw fail("missing value (quote values starting with #, e.g. \"#1e1e2e\")")
        }
        return scalar.string
    }

    /// True for a key with no value (`key:`, `key: ~`).
    var isEmptyValue: Bool {
        guard let node else { return true }
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The items of a list (a single scalar counts as a one-item list).
    func list() throws(YAMLFieldError) -> [YAMLNode] {
        switch node {
        case .none: return []
        case .sequence(let sequence)?:
            return sequence.enumerated().map { YAMLNode(node: $0.element, path: "\(path)[\($0.offset)]") }
        case .scalar?: return [self]
        default: throw fail("expected a list, found \(kind)")
        }
    }

    /// A whole number, written without quotes or decimals.
    func integer() throws(YAMLFieldError) -> Int64 {
        let text = try scalarText()
        guard let value = Int64(text) else { throw fail("\(text.debugDescription) is not a whole number") }
        return value
    }

    private var kind: String {
        switch node {
        case .none: "nothing"
        case .scalar?: "a single value"
        case .mapping?: "a mapping"
        case .sequence?: "a list"
        case .alias?: "an alias"
        }
    }
}
