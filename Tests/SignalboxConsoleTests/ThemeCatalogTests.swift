import Foundation
import SignalboxConsole
import SignalboxTerminal
import XCTest

final class ThemeCatalogTests: XCTestCase {
    func testUserDirectoryOverridesShippedTheme() throws {
        let root = try temporaryDirectory(self)
        let system = root + "/system", user = root + "/user"
        try write("roles:\n  ok: {fg: green}\n", to: "calm.yaml", in: system)
        try write("roles:\n  ok: {fg: blue}\n", to: "calm.yaml", in: user)
        try write("roles:\n  ok: {fg: red}\n", to: "mine.yaml", in: user)
        let catalog = ThemeCatalog(directories: [system, user])
        XCTAssertEqual(try catalog.load(named: "calm").style(for: .ok).foreground, .blue)
        XCTAssertEqual(catalog.availableNames(), ["calm", "dark", "high-contrast", "light", "mine", "monochrome"])
    }

    func testBrokenUserThemeIsAnErrorNamingItsPathAndFallsBack() throws {
        let root = try temporaryDirectory(self)
        try write("roles:\n  ok: {fg: green}\n", to: "calm.yaml", in: root + "/system")
        try write("roles:\n  ok: {fg: nope}\n", to: "calm.yaml", in: root + "/user")
        let catalog = ThemeCatalog(directories: [root + "/system", root + "/user"])
        let (theme, problem) = catalog.loadFallingBack(named: "calm")
        XCTAssertEqual(theme, Theme.builtInDefault)
        XCTAssertEqual(problem, .invalid(file: root + "/user/calm.yaml", key: "roles.ok.fg",
                                         reason: #""nope" is not a colour (use a name, #rrggbb or 0-255)"#))
    }

    func testMissingThemes() throws {
        let catalog = ThemeCatalog(directories: [try temporaryDirectory(self)])
        XCTAssertEqual(try catalog.load(named: "dark"), Theme.builtInDefault)
        XCTAssertEqual(catalog.availableNames(), ["dark", "high-contrast", "light", "monochrome"])
        XCTAssertThrowsError(try catalog.load(named: "solar")) { error in
            guard case .notFound(name: "solar", searched: catalog.directories)? = error as? ThemeError else {
                return XCTFail("\(error)")
            }
        }
        for name in ["../etc/passwd", ".hidden", "", "a/b"] {
            XCTAssertEqual(catalog.loadFallingBack(named: name).problem, .invalidName(name))
        }
    }

    /// A copied binary has no Themes/ beside it: the four shipped themes are compiled in, identical to the files.
    func testTheShippedThemesAreBuiltInAndAFileStillOverridesThem() throws {
        let empty = ThemeCatalog(directories: [try temporaryDirectory(self)])
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes")
        for name in ["dark", "light", "high-contrast", "monochrome"] {
            let file = shipped.appendingPathComponent(name + ".yaml").path
            let text = try String(contentsOfFile: file, encoding: .utf8)
            XCTAssertEqual(try empty.load(named: name), try Theme(yaml: text, name: name, file: file), name)
        }
        let user = try temporaryDirectory(self)
        try write("roles:\n  ok: {fg: blue}\n", to: "light.yaml", in: user)
        XCTAssertEqual(try ThemeCatalog(directories: [user]).load(named: "light").style(for: .ok).foreground, .blue)
    }

    func testStandardSearchPathForASwiftPMBuild() {
        let catalog = ThemeCatalog(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/ana"],
                                   executablePath: "/src/signalbox/.build/x86_64-unknown-linux-gnu/debug/signalbox")
        XCTAssertEqual(catalog.directories, [
            "/usr/share/signalbox/themes",
            "/src/signalbox/.build/x86_64-unknown-linux-gnu/share/signalbox/themes",
            "/src/signalbox/Themes",
            "/cfg/signalbox/themes",
        ])
    }

    func testStandardSearchPathForAnInstallAndHomeFallback() {
        let catalog = ThemeCatalog(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/ana"],
                                   executablePath: "/opt/sb/bin/signalbox")
        XCTAssertEqual(catalog.directories[1], "/opt/sb/share/signalbox/themes")
        XCTAssertEqual(catalog.directories.last, "/home/ana/.config/signalbox/themes")
    }
}
