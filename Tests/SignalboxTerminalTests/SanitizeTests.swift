import XCTest
@testable import SignalboxTerminal

final class SanitizeTests: XCTestCase {
    private let cases: [(input: String, expected: String, why: String)] = [
        ("plain text", "plain text", "printable text is kept"),
        ("ok\u{1B}]0;pwned\u{07}!", "ok!", "OSC title terminated by BEL"),
        ("ok\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\", "oklink", "OSC hyperlink terminated by ST"),
        ("a\u{9D}0;title\u{9C}b", "ab", "C1 OSC terminated by C1 ST"),
        ("\u{1B}[2Jcleared", "cleared", "CSI erase display"),
        ("\u{1B}[38;2;255;0;0mred\u{1B}[0m", "red", "CSI colours"),
        ("\u{1B}[?1049h", "", "CSI private mode"),
        ("\u{9B}31mred", "red", "C1 CSI"),
        ("x\u{1B}P1$qm\u{1B}\\y", "xy", "DCS string"),
        ("x\u{1B}_apc payload\u{1B}\\y", "xy", "APC string"),
        ("x\u{1B}]0;never terminated", "x", "unterminated OSC swallows the rest"),
        ("\u{1B}(Bascii", "ascii", "charset designation with intermediate"),
        ("\u{1B}cafter reset", "after reset", "single-character ESC sequence (RIS)"),
        ("\u{1B}7saved\u{1B}8", "saved", "save/restore cursor"),
        ("end\u{1B}", "end", "trailing lone ESC"),
        ("a\u{202E}b", "ab", "right-to-left override"),
        ("\u{2066}x\u{2069}\u{200F}\u{061C}", "x", "isolates and marks"),
        ("EXH\u{200B}-TWIN\u{2060}\u{FEFF}\u{00AD}", "EXH-TWIN", "zero-width and other invisible format characters"),
        ("👩\u{200D}💻", "👩\u{200D}💻", "the zero-width joiner of an emoji sequence stays"),
        ("a\u{2028}b\u{2029}c", "abc", "line and paragraph separators"),
        ("a\tb\nc\r\nd\re", "a b c d e", "tabs and newlines become one space each (CRLF counts once)"),
        ("bell\u{07}back\u{08}nul\u{00}del\u{7F}", "bellbacknuldel", "C0 controls and DEL dropped"),
        ("c1\u{85}\u{8D}x", "c1x", "other C1 controls dropped"),
        ("Zoë Müller 東京 🚀", "Zoë Müller 東京 🚀", "non-ASCII text is kept"),
    ]

    func testSanitizeTable() {
        for entry in cases {
            XCTAssertEqual(TerminalSafeText.sanitize(entry.input), entry.expected, entry.why)
        }
    }

    func testSanitizedTextHasNoControlsLeft() {
        let hostile = (0..<0xA0).map { String(UnicodeScalar(UInt8($0))) }.joined()
        let clean = TerminalSafeText.sanitize(hostile + "tail")
        XCTAssertTrue(clean.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }, clean.debugDescription)
    }

    func testWidthCountsWideAndCombining() {
        XCTAssertEqual(TerminalText.width("abc"), 3)
        XCTAssertEqual(TerminalText.width("東京"), 4)
        XCTAssertEqual(TerminalText.width("e\u{301}"), 1)
        XCTAssertEqual(TerminalText.width("🚀!"), 3)
        XCTAssertEqual(TerminalText.width("\u{1B}[31mred"), 3)
    }

    /// Text drawn scalar by scalar skips the general walk; a CJK character put first forces that walk, and both must
    /// agree for every pair of ASCII controls, escape-sequence bytes, DEL and the printable range's edges, and scalars
    /// at the edges
    /// of the blocks drawn scalar by scalar (C1 controls, the soft hyphen, combining marks, format characters,
    /// separators, wide and emoji symbols, variation selectors, joiners, skin tones, regional indicators).
    func testTextDrawnScalarByScalarAgreesWithTheGeneralWalk() {
        let edges: [UInt32] = [0x80, 0x85, 0x9F, 0xA0, 0xAC, 0xAD, 0xAE, 0xE9, 0x2FF, 0x300, 0x301, 0x200B, 0x200C, 0x200D,
                               0x200F, 0x2010, 0x2026, 0x2027, 0x2028, 0x2029, 0x202E, 0x202F, 0x2030, 0x205F, 0x2060,
                               0x206F, 0x2070, 0x20AC, 0x20CF, 0x20D0, 0x20E3, 0x20FF, 0x2100, 0x231A, 0x2329, 0x25B8,
                               0x2BFF, 0x2C00, 0x3000, 0xFE0F, 0x1F1E6, 0x1F3FB, 0x1F680]
        let ascii = Array(0x00...0x30) + Array("7;@APX[\\]^_c~".utf8).map(UInt32.init) + [0x7F]
        let scalars = (ascii + edges).map { String(UnicodeScalar($0)!) }
        for first in scalars {
            for second in scalars {
                let text = "x" + first + second + "y"
                let why = text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
                XCTAssertEqual("東" + TerminalSafeText.sanitize(text), TerminalSafeText.sanitize("東" + text), why)
                XCTAssertEqual(2 + TerminalText.width(text), TerminalText.width("東" + text), why)
                for x in [-2, 0, 3] {
                    var shortcut = Buffer(size: Size(width: 7, height: 1))
                    var general = shortcut
                    shortcut.put("東", x: x - 2, y: 0)
                    XCTAssertEqual(2 + shortcut.put(text, x: x, y: 0), general.put("東" + text, x: x - 2, y: 0), why)
                    XCTAssertEqual(shortcut, general, "\(why) at \(x)")
                }
            }
        }
        XCTAssertTrue(TerminalSafeText.isDrawnScalarByScalar(" ~▸ Zoë – €5…"))
        XCTAssertFalse(TerminalSafeText.isDrawnScalarByScalar("a\u{7F}"))
        XCTAssertFalse(TerminalSafeText.isDrawnScalarByScalar("e\u{301}"))
        XCTAssertFalse(TerminalSafeText.isDrawnScalarByScalar("東"))
    }

    func testTruncatedAddsEllipsisWithinWidth() {
        XCTAssertEqual(TerminalText.truncated("exception queue", toWidth: 9), "exceptio…")
        XCTAssertEqual(TerminalText.truncated("short", toWidth: 9), "short")
        XCTAssertEqual(TerminalText.truncated("東京都庁", toWidth: 6, ellipsis: "..."), "東...")
        XCTAssertEqual(TerminalText.truncated("abc", toWidth: 1, ellipsis: "..."), "")
    }
}
