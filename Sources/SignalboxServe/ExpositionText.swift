import SignalboxCore

/// Writes Prometheus text exposition (format 0.0.4): each family with `# HELP` and `# TYPE`, then its samples.
struct ExpositionText {
    private(set) var text = ""

    /// One metric family; a sample whose value is JSON `null` (an empty population) is written `NaN`.
    mutating func family(_ name: String, _ type: String, help: String, samples: [(labels: [(String, String)], value: JSONValue)]) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n"
        for sample in samples {
            text += name
            if !sample.labels.isEmpty {
                text += "{" + sample.labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
            }
            text += " \(Self.number(sample.value))\n"
        }
    }

    /// A family with one unlabelled sample.
    mutating func gauge(_ name: String, help: String, _ value: JSONValue) {
        family(name, "gauge", help: help, samples: [([], value)])
    }

    static func number(_ value: JSONValue) -> String {
        if case .number(let digits) = value { return digits }
        return "NaN"
    }

    /// Label values may hold anything the store holds: backslash, double quote and line feed are escaped.
    static func escapeLabel(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func escapeHelp(_ help: String) -> String {
        help.replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n")
    }
}

private extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        reduce(into: "") { result, character in
            if character == target { result += replacement } else { result.append(character) }
        }
    }
}
