import SignalboxConsole
import SignalboxTerminal
import XCTest

final class ThemeDegradeTests: XCTestCase {
    private func shippedThemes() throws -> [Theme] {
        let catalog = ThemeCatalog(directories: [shippedThemesDirectory])
        return try catalog.availableNames().map { name throws in try catalog.load(named: name) }
    }

    func testEveryColourFitsTheTierAndAttributesAreKept() throws {
        for theme in try shippedThemes() {
            for tier in ColorTier.allCases {
                let degraded = theme.degraded(to: tier)
                for role in ThemeRole.allCases {
                    let original = theme.style(for: role), style = degraded.style(for: role)
                    let context = "\(theme.name) \(role) \(tier)"
                    XCTAssertTrue(fits(style.foreground, tier) && fits(style.background, tier), context)
                    XCTAssertEqual([style.bold, style.dim, style.underline, style.reverse],
                                   [original.bold, original.dim, original.underline, original.reverse], context)
                }
            }
        }
    }

    func testHealthStatesStayDistinctAndLegibleAtEveryTier() throws {
        for theme in try shippedThemes() {
            for tier in ColorTier.allCases {
                let degraded = theme.degraded(to: tier)
                let health: [ThemeRole] = [.ok, .warn, .breach, .unknown]
                XCTAssertEqual(Set(health.map(degraded.style(for:))).count, health.count, "\(theme.name) \(tier)")
                XCTAssertNotEqual(degraded.style(for: .selection), degraded.style(for: .text), "\(theme.name) \(tier)")
                for role in ThemeRole.allCases {
                    let style = degraded.style(for: role)
                    if style.foreground != .default || style.background != .default {
                        XCTAssertNotEqual(style.foreground, style.background, "\(theme.name) \(role) \(tier)")
                    }
                }
            }
        }
    }

    func testDarkDefaultKeepsTheTerminalBackgroundAndNeverDrawsBlackText() {
        for tier in ColorTier.allCases {
            for role in ThemeRole.allCases {
                let style = Theme.builtInDefault.degraded(to: tier).style(for: role)
                XCTAssertEqual(style.background, .default, "\(role) \(tier)")
                XCTAssertNotEqual(style.foreground, .ansi(0), "\(role) \(tier)")
            }
        }
    }

    func testDegradingTheDefaultThemeDownTheTiers() {
        let ok = Theme.builtInDefault.style(for: .ok)
        XCTAssertEqual(ok.degraded(to: .truecolor).foreground, .rgb(0x5F, 0xD7, 0x00))
        XCTAssertEqual(ok.degraded(to: .indexed256).foreground, .indexed(76))
        XCTAssertEqual(ok.degraded(to: .ansi16).foreground, .green)
        XCTAssertEqual(ok.degraded(to: .ansi8).foreground, .green)
        XCTAssertEqual(ok.degraded(to: .none), Style())
    }

    private func fits(_ color: Color, _ tier: ColorTier) -> Bool {
        switch (color, tier) {
        case (.default, _): true
        case (_, .none): false
        case (.ansi(let index), .ansi8): index < 8
        case (.ansi(let index), _): index < 16
        case (.indexed, .ansi8), (.indexed, .ansi16): false
        case (.indexed, _): true
        case (.rgb, let tier): tier == .truecolor
        }
    }
}
