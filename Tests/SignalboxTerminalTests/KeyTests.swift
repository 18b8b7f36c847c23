import XCTest
@testable import SignalboxTerminal

final class KeyTests: XCTestCase {
    private let codes = CursesKeyCodes.ncurses

    func testCursesKeyCodes() {
        let table: [(Int32, Key)] = [
            (codes.up, .up), (codes.down, .down), (codes.left, .left), (codes.right, .right),
            (codes.home, .home), (codes.end, .end), (codes.pageUp, .pageUp), (codes.pageDown, .pageDown),
            (codes.backspace, .backspace), (codes.delete, .delete), (codes.enter, .enter),
            (codes.backTab, .backTab), (codes.resize, .resize),
            (codes.f0 + 1, .function(1)), (codes.f0 + 12, .function(12)), (codes.f0 + 63, .function(63)),
        ]
        for (code, key) in table {
            XCTAssertEqual(Key.decode(.keyCode(code)), key, "code \(code)")
        }
        XCTAssertNil(Key.decode(.keyCode(codes.f0)))
        XCTAssertNil(Key.decode(.keyCode(0o777)))
    }

    func testCharacters() {
        let table: [(UInt32, Key)] = [
            (0x61, .character("a")), (0x20, .character(" ")), (0x3F, .character("?")), (0xE9, .character("é")),
            (0x6771, .character("東")), (0x1F680, .character("🚀")),
            (0x0A, .enter), (0x0D, .enter), (0x09, .tab), (0x1B, .escape), (0x7F, .backspace), (0x08, .backspace),
            (0x03, .control("c")), (0x01, .control("a")), (0x1A, .control("z")), (0x12, .control("r")),
            (0x00, .control("@")), (0x1C, .control("\\")), (0x1F, .control("_")),
        ]
        for (value, key) in table {
            XCTAssertEqual(Key.decode(.character(value)), key, "value \(value)")
        }
    }

    func testNothingAndInvalidInput() {
        XCTAssertNil(Key.decode(.none))
        XCTAssertNil(Key.decode(.character(0x9B)), "C1 controls are not keys")
        XCTAssertNil(Key.decode(.character(0xD800)), "surrogates are not characters")
    }

    func testBuiltInCodesMatchTheCursesHeaders() {
        let real = CursesKeyCodes.fromCurses
        XCTAssertEqual(
            [codes.down, codes.up, codes.left, codes.right, codes.home, codes.end, codes.backspace, codes.f0,
             codes.delete, codes.pageDown, codes.pageUp, codes.enter, codes.backTab, codes.resize],
            [real.down, real.up, real.left, real.right, real.home, real.end, real.backspace, real.f0,
             real.delete, real.pageDown, real.pageUp, real.enter, real.backTab, real.resize]
        )
    }
}
