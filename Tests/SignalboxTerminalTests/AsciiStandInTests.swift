import SignalboxTerminal
import XCTest

final class AsciiStandInTests: XCTestCase {
    func testCommonSymbolsGetReadableASCIIStandIns() {
        let line = " Signalbox · Golden signals │ age 3s … → ▁█ 東"
        let shown = line.map { TerminalText.asciiStandIn(for: String($0)) }.joined()
        XCTAssertEqual(shown, " Signalbox . Golden signals | age 3s ~ > _# ?")
    }

    func testASCIIPassesThroughUnchanged() {
        for symbol in ["a", "Z", "0", " ", "+", "|", "~"] {
            XCTAssertEqual(TerminalText.asciiStandIn(for: symbol), symbol)
        }
    }
}
