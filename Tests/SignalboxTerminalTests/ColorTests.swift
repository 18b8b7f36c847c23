import XCTest
@testable import SignalboxTerminal

final class ColorTests: XCTestCase {
    func testDegradeRGBToPalette() {
        XCTAssertEqual(Color.rgb(255, 0, 0).degraded(to: .indexed256), .indexed(196))
        XCTAssertEqual(Color.rgb(128, 128, 128).degraded(to: .indexed256), .indexed(244))
        XCTAssertEqual(Color.rgb(0, 0, 0).degraded(to: .indexed256), .indexed(16))
        XCTAssertEqual(Color.rgb(1, 2, 3).degraded(to: .truecolor), .rgb(1, 2, 3))
    }

    func testDegradeToSixteenAndEight() {
        XCTAssertEqual(Color.rgb(255, 0, 0).degraded(to: .ansi16), .ansi(9))
        XCTAssertEqual(Color.rgb(200, 0, 0).degraded(to: .ansi16), .ansi(1))
        XCTAssertEqual(Color.rgb(255, 0, 0).degraded(to: .ansi8), .ansi(1))
        XCTAssertEqual(Color.indexed(28).degraded(to: .ansi16), .ansi(2))
        XCTAssertEqual(Color.indexed(12).degraded(to: .ansi16), .ansi(12))
        XCTAssertEqual(Color.indexed(12).degraded(to: .ansi8), .ansi(4))
        XCTAssertEqual(Color.ansi(14).degraded(to: .ansi8), .ansi(6))
        XCTAssertEqual(Color.indexed(250).degraded(to: .ansi8), .ansi(7))
    }

    func testDegradeKeepsWhatFitsAndNoneDropsColour() {
        XCTAssertEqual(Color.ansi(9).degraded(to: .indexed256), .ansi(9))
        XCTAssertEqual(Color.indexed(100).degraded(to: .truecolor), .indexed(100))
        XCTAssertEqual(Color.ansi(200).degraded(to: .indexed256), .indexed(200))
        for color in [Color.rgb(9, 9, 9), .indexed(3), .ansi(1), .default] {
            XCTAssertEqual(color.degraded(to: .none), .default)
        }
        XCTAssertEqual(Style(foreground: .rgb(255, 0, 0), bold: true).degraded(to: .none), Style(bold: true))
    }

    func testEveryDegradedColourFitsItsTier() {
        let samples: [Color] = (0...255).map { Color.indexed(UInt8($0)) } + [.rgb(12, 200, 99), .rgb(255, 255, 255), .ansi(15)]
        for color in samples {
            switch color.degraded(to: .ansi8) {
            case .ansi(let index): XCTAssertLessThan(index, 8, "\(color)")
            default: XCTFail("\(color) did not degrade to an ANSI colour")
            }
            if case .rgb = color.degraded(to: .indexed256) { XCTFail("\(color) kept RGB at 256 colours") }
        }
    }

    func testTierDetection() {
        typealias Row = (env: [String: String], colors: Int, mode: ColorMode, expected: ColorTier, why: String)
        let rows: [Row] = [
            (["TERM": "xterm-256color"], 256, .auto, .indexed256, "256-colour terminfo"),
            (["TERM": "xterm"], 8, .auto, .ansi8, "8-colour terminfo"),
            (["TERM": "xterm-16color"], 16, .auto, .ansi16, "16-colour terminfo"),
            (["TERM": "xterm-256color", "COLORTERM": "truecolor"], 256, .auto, .truecolor, "COLORTERM=truecolor"),
            (["TERM": "xterm-256color", "COLORTERM": "24bit"], 256, .auto, .truecolor, "COLORTERM=24bit"),
            (["TERM": "xterm-256color", "NO_COLOR": "1"], 256, .auto, .none, "NO_COLOR set"),
            (["TERM": "xterm-256color", "NO_COLOR": ""], 256, .auto, .indexed256, "empty NO_COLOR is ignored"),
            (["TERM": "xterm-256color", "NO_COLOR": "1", "COLORTERM": "truecolor"], 256, .auto, .none, "NO_COLOR beats COLORTERM"),
            (["TERM": "xterm-256color", "NO_COLOR": "1"], 256, .always, .indexed256, "--color always beats NO_COLOR"),
            (["TERM": "xterm-256color", "COLORTERM": "truecolor"], 256, .never, .none, "--color never"),
            (["TERM": "vt100"], -1, .auto, .none, "vt100"),
            (["TERM": "vt100", "COLORTERM": "truecolor"], 8, .auto, .none, "vt100 even with stray COLORTERM"),
            (["TERM": "dumb"], -1, .auto, .none, "dumb"),
            ([:], 256, .auto, .none, "TERM unset"),
            (["TERM": "vt220"], -1, .always, .ansi8, "--color always forces at least 8 colours"),
            (["TERM": "xterm-direct"], 16_777_216, .auto, .truecolor, "direct-colour terminfo"),
        ]
        for row in rows {
            XCTAssertEqual(ColorTier.detect(environment: row.env, terminfoColors: row.colors, mode: row.mode), row.expected, row.why)
        }
    }

    func testColorPairTableCachesAndRunsOut() {
        var table = ColorPairTable(capacity: 3)
        let red = ColorPairTable.Colors(foreground: 1, background: -1)
        let blue = ColorPairTable.Colors(foreground: 4, background: -1)
        XCTAssertEqual(table.pair(for: .init(foreground: -1, background: -1))?.number, 0)
        XCTAssertEqual(table.pair(for: red)?.number, 1)
        XCTAssertEqual(table.pair(for: red)?.isNew, false)
        XCTAssertEqual(table.pair(for: blue)?.number, 2)
        XCTAssertNil(table.pair(for: .init(foreground: 2, background: 0)))
        XCTAssertEqual(table.pair(for: blue)?.number, 2)
    }

    func testCursesColourNumbers() {
        XCTAssertEqual(ColorPairTable.cursesNumber(for: .default), -1)
        XCTAssertEqual(ColorPairTable.cursesNumber(for: .ansi(9)), 9)
        XCTAssertEqual(ColorPairTable.cursesNumber(for: .rgb(0x12, 0x34, 0x56)), 0x123456)
        XCTAssertEqual(ColorPairTable.cursesNumber(for: .rgb(0, 0, 1)), 8)
    }

    func testCapabilitiesFromCodeset() {
        XCTAssertEqual(TerminalCapabilities.resolve(codeset: "UTF-8", forceASCII: false, colorTier: .ansi8).lineSet, .unicode)
        XCTAssertEqual(TerminalCapabilities.resolve(codeset: "utf8", forceASCII: false, colorTier: .ansi8).isUTF8, true)
        XCTAssertEqual(TerminalCapabilities.resolve(codeset: "UTF-8", forceASCII: true, colorTier: .ansi8).lineSet, .ascii)
        let posix = TerminalCapabilities.resolve(codeset: "ANSI_X3.4-1968", forceASCII: false, colorTier: .none)
        XCTAssertEqual(posix.lineSet, .ascii)
        XCTAssertFalse(posix.isUTF8)
    }
}
