import SignalboxConsole
import SignalboxTerminal
import XCTest

final class ThemeFileTests: XCTestCase {
    private let shippedNames = ["dark", "high-contrast", "light", "monochrome"]

    func testEveryShippedThemeLoadsWithEveryRole() throws {
        let catalog = ThemeCatalog(directories: [shippedThemesDirectory])
        XCTAssertEqual(catalog.availableNames(), shippedNames)
        for name in shippedNames {
            let theme = try catalog.load(named: name)
            XCTAssertEqual(theme.name, name)
            XCTAssertEqual(Set(theme.styles.keys), Set(ThemeRole.allCases), name)
        }
    }

    func testShippedDarkMatchesTheBuiltInDefault() throws {
        let dark = try ThemeCatalog(directories: [shippedThemesDirectory]).load(named: "dark")
        for role in ThemeRole.allCases {
            XCTAssertEqual(dark.style(for: role), Theme.builtInDefault.style(for: role), role.rawValue)
        }
    }

    func testMonochromeUsesNoColours() throws {
        let theme = try ThemeCatalog(directories: [shippedThemesDirectory]).load(named: "monochrome")
        for role in ThemeRole.allCases {
            XCTAssertEqual(theme.style(for: role).foreground, .default, role.rawValue)
            XCTAssertEqual(theme.style(for: role).background, .default, role.rawValue)
        }
        XCTAssertEqual(theme.style(for: .breach), Style(bold: true, reverse: true))
    }

    func testColourForms() throws {
        let yaml = """
        roles:
          text: {fg: bright-cyan, bg: "#0A1b2C"}
          ok: {fg: 208, bg: grey, attributes: [bold, dim, underline, reverse]}
          warn: {fg: YELLOW, attributes: bold}
        """
        let theme = try Theme(yaml: yaml, name: "t", file: "t.yaml")
        XCTAssertEqual(theme.style(for: .text), Style(foreground: .ansi(14), background: .rgb(0x0A, 0x1B, 0x2C)))
        XCTAssertEqual(theme.style(for: .ok), Style(foreground: .indexed(208), background: .ansi(8),
                                                    bold: true, dim: true, underline: true, reverse: true))
        XCTAssertEqual(theme.style(for: .warn), Style(foreground: .ansi(3), bold: true))
    }

    func testOmittedRolesAreDrawnLikeText() throws {
        let theme = try Theme(yaml: "roles:\n  text: {fg: green}\n", name: "t", file: "t.yaml")
        XCTAssertEqual(theme.style(for: .stale), Style(foreground: .ansi(2)))
        XCTAssertEqual(try Theme(yaml: "roles: {}\n", name: "t", file: "t.yaml").style(for: .ok), .plain)
    }

    func testBadColourNamesFileKeyAndReason() {
        let yaml = "roles:\n  ok: {fg: \"#12345\"}\n"
        assertThemeError(yaml, equals: ##"dark.yaml: roles.ok.fg: "#12345" is not a colour (use a name, #rrggbb or 0-255)"##)
    }

    func testOtherBrokenFiles() {
        assertThemeError("roles:\n  ok: {fg: 256}\n", contains: "roles.ok.fg: \"256\" is not a colour")
        assertThemeError("roles:\n  ok:\n    fg: #a3be8c\n", contains: "roles.ok.fg: missing value (quote")
        assertThemeError("roles:\n  okay: {fg: red}\n", contains: "roles.okay: unknown key (expected one of: background, text")
        assertThemeError("roles:\n  ok: {colour: red}\n", contains: "roles.ok.colour: unknown key")
        assertThemeError("roles:\n  ok: {attributes: [bold, blink]}\n",
                         contains: #"roles.ok.attributes[1]: "blink" is not an attribute"#)
        assertThemeError("roles:\n  ok: {fg: red}\n  ok: {fg: blue}\n", contains: "duplicated key(s): 'ok'")
        assertThemeError("roles:\n  ok: [red]\n", contains: "roles.ok: expected a mapping of keys, found a list")
        assertThemeError("description: x\n", contains: "dark.yaml: roles: missing")
        assertThemeError("roles: {ok: {fg: red}\n", contains: "dark.yaml: not valid YAML")
        assertThemeError("colours: {}\nroles: {}\n", contains: "dark.yaml: colours: unknown key")
    }

    private func assertThemeError(_ yaml: String, equals expected: String, line: UInt = #line) {
        XCTAssertThrowsError(try Theme(yaml: yaml, name: "dark", file: "dark.yaml"), line: line) { error in
            XCTAssertEqual((error as? ThemeError)?.description, expected, line: line)
        }
    }

    private func assertThemeError(_ yaml: String, contains expected: String, line: UInt = #line) {
        XCTAssertThrowsError(try Theme(yaml: yaml, name: "dark", file: "dark.yaml"), line: line) { error in
            let description = (error as? ThemeError)?.description ?? "\(error)"
            XCTAssertTrue(description.contains(expected), "\(description) does not contain \(expected)", line: line)
        }
    }
}
