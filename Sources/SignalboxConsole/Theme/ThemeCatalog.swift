import Foundation

/// Finds and loads themes along a search path; later directories override earlier ones.
///
/// The standard path (``init(environment:executablePath:)``), lowest priority first:
/// 1. the four shipped themes compiled in (`dark`, `light`, `high-contrast`, `monochrome`), so a copied binary has
///    them, and ``Theme/builtInDefault``;
/// 2. `/usr/share/signalbox/themes`;
/// 3. `<prefix>/share/signalbox/themes` for an executable installed as `<prefix>/bin/signalbox`;
/// 4. the package's `Themes` directory for a SwiftPM build: `<package>/Themes` for an executable at
///    `<package>/.build/<triple>/<configuration>/signalbox`;
/// 5. `$XDG_CONFIG_HOME/signalbox/themes` (or `~/.config/signalbox/themes`), the user's own.
///
/// ```swift
/// let (theme, problem) = ThemeCatalog.loadFallingBack(named: "light", environment: ProcessInfo.processInfo.environment)
/// if let problem { statusLine = problem.description }
/// ```
public struct ThemeCatalog: Sendable {
    /// Directories searched, lowest priority first.
    public var directories: [String]

    /// A catalog over explicit directories (lowest priority first), e.g. for tests.
    public init(directories: [String]) {
        self.directories = directories
    }

    /// The standard search path for `environment` and the running executable's resolved path
    /// (`nil`: the current process's executable).
    public init(environment: [String: String], executablePath: String? = nil) {
        self.init(directories: InstallationSearchPath.directories(folder: "themes", packageFolder: "Themes",
                                                                  environment: environment, executablePath: executablePath))
    }

    /// Loads the theme `name` from the standard search path.
    public static func load(named name: String, environment: [String: String]) throws(ThemeError) -> Theme {
        try ThemeCatalog(environment: environment).load(named: name)
    }

    /// Theme names available on the standard search path, sorted; always includes `dark`.
    public static func availableNames(environment: [String: String]) -> [String] {
        ThemeCatalog(environment: environment).availableNames()
    }

    /// Loads `name`, or the built-in default when that fails; the failure is returned to be shown.
    public static func loadFallingBack(named name: String, environment: [String: String]) -> (theme: Theme, problem: ThemeError?) {
        ThemeCatalog(environment: environment).loadFallingBack(named: name)
    }

    /// Loads `name` from the highest-priority directory that has `<name>.yaml`. A broken file is an error
    /// even when a lower-priority directory has a good one (the user should learn their file is ignored).
    public func load(named name: String) throws(ThemeError) -> Theme {
        guard Self.isValidName(name) else { throw ThemeError.invalidName(name) }
        for directory in directories.reversed() {
            let path = ConfigDirectory.join(directory, name + ".yaml")
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ThemeError.unreadable(file: path, reason: "\(error.localizedDescription)")
            }
            return try Theme(yaml: text, name: name, file: path)
        }
        if name == Theme.defaultName { return Theme.builtInDefault }
        if let yaml = BuiltInThemeFiles.yaml[name] { return try Theme(yaml: yaml, name: name, file: "(built-in) \(name).yaml") }
        throw ThemeError.notFound(name: name, searched: directories)
    }

    /// Loads `name`, or ``Theme/builtInDefault`` with the reason it could not.
    public func loadFallingBack(named name: String) -> (theme: Theme, problem: ThemeError?) {
        do {
            return (try load(named: name), nil)
        } catch {
            return (Theme.builtInDefault, error)
        }
    }

    /// Names of the `.yaml` files in all directories plus the built-in themes, sorted, without repeats.
    public func availableNames() -> [String] {
        var names = Set(BuiltInThemeFiles.yaml.keys).union([Theme.defaultName])
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".yaml") {
                let name = String(file.dropLast(".yaml".count))
                if Self.isValidName(name) { names.insert(name) }
            }
        }
        return names.sorted()
    }

    /// Letters, digits, `-`, `_`, `.`; not empty and not starting with a dot (no paths, no hidden files).
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first != "." else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}
