import SignalboxTerminal

extension Theme {
    /// Parses a theme file (format in Themes/README.md).
    ///
    /// Roles the file leaves out are drawn like its `text` role, so themes written for an older
    /// Signalbox keep working when roles are added. `file` only labels errors.
    ///
    /// ```swift
    /// let theme = try Theme(yaml: "roles:\n  ok: {fg: green, attributes: [bold]}\n", name: "mine", file: "mine.yaml")
    /// ```
    public init(yaml: String, name: String, file: String) throws(ThemeError) {
        do throws(YAMLFieldError) {
            let root = try YAMLNode(parsing: yaml)
            var styles: [ThemeRole: Style] = [:]
            var sawRoles = false
            for (key, value) in try root.mapping(allowedKeys: ["description", "roles"]) {
                guard key == "roles" else {
                    _ = try value.scalarText()
                    continue
                }
                sawRoles = true
                for (roleName, roleNode) in try value.mapping(allowedKeys: ThemeRole.allCases.map(\.rawValue)) {
                    if let role = ThemeRole(rawValue: roleName) { styles[role] = try Theme.style(from: roleNode) }
                }
            }
            guard sawRoles else { throw YAMLFieldError(key: "roles", reason: "missing (a theme needs a roles mapping)") }
            let fallback = styles[.text] ?? .plain
            for role in ThemeRole.allCases where styles[role] == nil { styles[role] = fallback }
            self.init(name: name, styles: styles)
        } catch {
            throw ThemeError.invalid(file: file, key: error.key, reason: error.reason)
        }
    }

    /// `{fg: …, bg: …, attributes: […]}`; each key optional.
    private static func style(from node: YAMLNode) throws(YAMLFieldError) -> Style {
        var style = Style()
        for (key, value) in try node.mapping(allowedKeys: ["fg", "bg", "attributes"]) {
            switch key {
            case "fg": style.foreground = try color(from: value)
            case "bg": style.background = try color(from: value)
            default:
                for item in try value.list() {
                    let name = try item.scalarText()
                    guard ThemeValues.apply(attribute: name, to: &style) else {
                        throw YAMLFieldError(key: item.path, reason: "\(name.debugDescription) is not an attribute "
                            + "(use bold, dim, underline or reverse)")
                    }
                }
            }
        }
        return style
    }

    private static func color(from node: YAMLNode) throws(YAMLFieldError) -> Color {
        let text = try node.scalarText()
        guard let color = ThemeValues.color(text) else {
            throw YAMLFieldError(key: node.path, reason: "\(text.debugDescription) is not a colour (use a name, #rrggbb or 0-255)")
        }
        return color
    }
}
