import Foundation

/// The directories shipped and user files are looked up in, lowest priority first, shared by themes and runbooks:
/// 1. `/usr/share/signalbox/<folder>`;
/// 2. `<prefix>/share/signalbox/<folder>` for an executable installed as `<prefix>/bin/signalbox`;
/// 3. the package's own folder for a SwiftPM build: `<package>/<PackageFolder>` for an executable at
///    `<package>/.build/<triple>/<configuration>/signalbox`;
/// 4. `$XDG_CONFIG_HOME/signalbox/<folder>` (or `~/.config/signalbox/<folder>`), the user's own.
///
/// ```swift
/// InstallationSearchPath.directories(folder: "runbooks", packageFolder: "Runbooks", environment: ["HOME": "/home/ana"],
///                                    executablePath: "/opt/sb/bin/signalbox")
/// // ["/usr/share/signalbox/runbooks", "/opt/sb/share/signalbox/runbooks", "/Runbooks", "/home/ana/.config/signalbox/runbooks"]
/// ```
enum InstallationSearchPath {
    static func directories(folder: String, packageFolder: String, environment: [String: String],
                            executablePath: String?) -> [String] {
        var directories = ["/usr/share/signalbox/" + folder]
        if let executable = executablePath ?? currentExecutablePath() {
            let binDirectory = URL(fileURLWithPath: executable).deletingLastPathComponent()
            let prefix = binDirectory.deletingLastPathComponent()
            directories.append(prefix.appendingPathComponent("share/signalbox/" + folder).standardizedFileURL.path)
            let package = prefix.deletingLastPathComponent().deletingLastPathComponent()
            directories.append(package.appendingPathComponent(packageFolder).standardizedFileURL.path)
        }
        if let user = ConfigDirectory.path(environment: environment) {
            directories.append(ConfigDirectory.join(user, folder))
        }
        return directories
    }

    /// The running executable with symbolic links resolved (SwiftPM's `.build/debug` is a link).
    private static func currentExecutablePath() -> String? {
        Bundle.main.executableURL?.resolvingSymlinksInPath().path
    }
}
