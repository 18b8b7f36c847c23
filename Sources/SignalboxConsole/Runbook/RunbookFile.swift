import Foundation
import SignalboxCore

extension Runbook {
    /// Parses a runbook file (format in Runbooks/README.md); `file` only labels errors.
    ///
    /// ```swift
    /// let runbook = try Runbook(yaml: "owner: Billing operations\nsteps:\n  - Check the rate card\n",
    ///                           kind: .rateMismatch, file: "rate_mismatch.yaml")
    /// ```
    public init(yaml: String, kind: ExceptionKind, file: String) throws(RunbookError) {
        var title = "", owner: String?, steps: [String]?, links: [String] = []
        do throws(YAMLFieldError) {
            let root = try YAMLNode(parsing: yaml)
            for (key, value) in try root.mapping(allowedKeys: ["title", "owner", "steps", "links"]) {
                switch key {
                case "title": title = try Self.line(value)
                case "owner": owner = try Self.line(value)
                case "steps": steps = try Self.lines(value, atLeastOne: "step")
                default: links = try Self.lines(value, atLeastOne: nil)
                }
            }
        } catch {
            let reason = error.key.isEmpty ? error.reason : "\(error.key): \(error.reason)"
            throw RunbookError(file: file, line: error.line, reason: reason)
        }
        guard let owner else { throw RunbookError(file: file, line: nil, reason: "owner: missing (name the team that owns this kind)") }
        guard let steps else { throw RunbookError(file: file, line: nil, reason: "steps: missing (a runbook needs at least one step)") }
        self.init(kind: kind, title: title, owner: owner, steps: steps, links: links, file: file)
    }

    /// One line of printable text, not blank.
    private static func line(_ node: YAMLNode) throws(YAMLFieldError) -> String {
        let text = try node.scalarText()
        if let (scalar, _) = PrintableText.firstUnsafe(in: text) {
            throw YAMLFieldError(key: node.path, reason: "contains the control character \(PrintableText.codePoint(scalar))", line: node.line)
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw YAMLFieldError(key: node.path, reason: "is blank", line: node.line) }
        return trimmed
    }

    /// A list of lines; `atLeastOne` names the item when the list must not be empty.
    private static func lines(_ node: YAMLNode, atLeastOne item: String?) throws(YAMLFieldError) -> [String] {
        var result: [String] = []
        for entry in node.isEmptyValue ? [] : try node.list() { result.append(try line(entry)) }
        if let item, result.isEmpty {
            throw YAMLFieldError(key: node.path, reason: "must list at least one \(item)", line: node.line)
        }
        return result
    }
}
