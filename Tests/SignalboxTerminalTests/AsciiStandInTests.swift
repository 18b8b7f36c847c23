import SignalboxTerminal
import XCTest

final class AsciiStandInTests: XCTestCase {
    func testCommonSymbolsGetReadableASCIIStandIns() {
        let line = " Signalbox · Golden signals │ age 3s … → ▁█ 東"
        let shown = line.map { TerminalText.asciiStandIn(for: String($0)) }.joined()
        XCTAssertEqual(shown, " Signalbox . Golden signals | age 3s ~ > _# ?")
    }

    func testTheQueueGroupMarkerIsAnArrowNotAQuestionMark() {
        XCTAssertEqual(TerminalText.asciiStandIn(for: "▸"), ">", "a group row of the queue under LANG=C")
        XCTAssertEqual(TerminalText.asciiStandIn(for: "◂"), "<")
    }

    func testASCIIPassesThroughUnchanged() {
        for symbol in ["a", "Z", "0", " ", "+", "|", "~"] {
            XCTAssertEqual(TerminalText.asciiStandIn(for: symbol), symbol)
        }
    }
}
