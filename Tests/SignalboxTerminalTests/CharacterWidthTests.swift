import Foundation
import Glibc
import XCTest
@testable import SignalboxTerminal

final class CharacterWidthTests: XCTestCase {
    /// Our locale-independent table must agree with the C library's `wcwidth` (what curses and most
    /// terminals use) on the scripts and symbols a console shows; a mismatch would misalign the screen.
    func testAgreesWithGlibcWcwidthInUTF8() throws {
        typealias WidthFunction = @convention(c) (wchar_t) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "wcwidth") else { return try skipOffCI("wcwidth not found in the C library") }
        let wcwidth = unsafeBitCast(symbol, to: WidthFunction.self)
        guard let utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) else { return try skipOffCI("C.UTF-8 locale not installed") }
        let previous = uselocale(utf8)
        defer { uselocale(previous); freelocale(utf8) }
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xA0...0x24F, 0x300...0x36F, 0x370...0x4FF, 0x2000...0x206F, 0x2190...0x23FF,
            0x2500...0x25FF, 0x3000...0x30FF, 0x4E00...0x4FFF, 0xAC00...0xAFFF, 0xFF00...0xFFEF,
            0x1F300...0x1F64F, 0x1F680...0x1F6FF,
        ]
        var mismatches: [String] = []
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned else { continue }
            let expected = wcwidth(wchar_t(bitPattern: value))
            guard expected >= 0 else { continue }
            if CharacterWidth.columns(of: scalar) != Int(expected) {
                mismatches.append(String(value, radix: 16))
            }
        }
        XCTAssertTrue(mismatches.isEmpty, "width differs from wcwidth for U+\(mismatches.prefix(40).joined(separator: " U+")) (\(mismatches.count) in all)")
    }

    /// Skips when `CI` is unset; on CI (where the locale is installed on purpose) a missing prerequisite fails.
    private func skipOffCI(_ reason: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard ProcessInfo.processInfo.environment["CI"] == nil else {
            return XCTFail("\(reason): required on CI", file: file, line: line)
        }
        throw XCTSkip("\(reason) (set CI to make this a failure)")
    }

    func testKnownWidths() {
        XCTAssertEqual(CharacterWidth.columns(of: Character("a")), 1)
        XCTAssertEqual(CharacterWidth.columns(of: Character("東")), 2)
        XCTAssertEqual(CharacterWidth.columns(of: Character("Ａ")), 2)
        XCTAssertEqual(CharacterWidth.columns(of: Character("🚀")), 2)
        XCTAssertEqual(CharacterWidth.columns(of: Character("\u{301}")), 0)
        XCTAssertEqual(CharacterWidth.columns(of: Character("\u{200B}")), 0)
        XCTAssertEqual(CharacterWidth.columns(of: Character("─")), 1)
    }
}
