import SignalboxCore
import XCTest

final class HexadecimalTests: XCTestCase {
    func testEveryByteIsTwoLowerCaseDigits() {
        XCTAssertEqual(Hexadecimal.lowercase([0x00, 0x09, 0x0A, 0x0F, 0x10, 0x9F, 0xA0, 0xFF]), "00090a0f109fa0ff")
        XCTAssertEqual(Hexadecimal.lowercase([UInt8]()), "")
        let all = Hexadecimal.lowercase((0...255).map(UInt8.init))
        XCTAssertEqual(all.count, 512)
        XCTAssertEqual(Set(all), Set("0123456789abcdef"))
    }
}
