import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// The exception queue, an exception's detail, a confirmation, and the queue's help, against the snapshots.
final class QueueViewSnapshotTests: XCTestCase {
    private let size = Size(width: 80, height: 24)

    private func render(_ state: ConsoleState) -> Buffer {
        ConsoleView.render(state, size: state.size, theme: .builtInDefault, lineSet: .unicode)
    }

    func testQueue() {
        var state = QueueFixtures.queueState()
        state = ConsoleUpdate.update(state, .key(.character(" "))).0
        assertSnapshot(render(state), named: "queue-80x24")
        assertSnapshot(render(QueueFixtures.queueState(size: Size(width: 160, height: 48))), named: "queue-160x48")
    }

    /// The exception ID is whole at every width, the contract ID from 100 columns up; amounts lead with the currency.
    func testQueueReadsAtEveryWidth() throws {
        for (width, height) in [(80, 24), (100, 30), (120, 40), (200, 50)] {
            let buffer = render(QueueFixtures.queueState(rows: QueueFixtures.liveRows, size: Size(width: width, height: height)))
            let text = buffer.lines().joined(separator: "\n")
            for row in QueueFixtures.liveRows {
                XCTAssertTrue(text.contains(row.exceptionID), "\(width): \(row.exceptionID) not whole\n\(text)")
                if width >= 100 { XCTAssertTrue(text.contains(row.correlationID), "\(width): \(row.correlationID) not whole\n\(text)") }
            }
            XCTAssertTrue(text.contains("EUR 418,000.00"), text)
            XCTAssertFalse(text.contains("pendingApproval"), text)
            if width != 100 { assertSnapshot(buffer, named: "queue-live-\(width)x\(height)") }
        }
    }

    /// The queue sorts by the raise, so its default lists the largest ages first: the title names which end comes
    /// first rather than calling that `asc`; the other keys keep `asc`/`desc`.
    func testTheTitleNamesTheOrderAsTheAgeColumnReadsIt() {
        var state = QueueFixtures.queueState()
        func title() -> String { render(state).lines()[1] }
        XCTAssertTrue(title().contains("· oldest first"), title())
        state = ConsoleUpdate.update(state, .key(.character("S"))).0
        XCTAssertTrue(title().contains("· newest first"), title())
        state = ConsoleUpdate.update(state, .key(.character("s"))).0
        XCTAssertTrue(title().contains("· sort kind desc"), title())
        state = ConsoleUpdate.update(state, .key(.character("S"))).0
        XCTAssertTrue(title().contains("· sort kind asc"), title())
    }

    func testDetail() throws {
        let buffer = render(try QueueFixtures.detailState())
        assertSnapshot(buffer, named: "exception-detail-80x24")
        let text = buffer.lines().joined(separator: "\n")
        XCTAssertTrue(text.contains("claimed by alice 12m ago"), text)
        XCTAssertTrue(text.contains("2  ERP/C-200"), text)
    }

    func testConfirmationNamesTheWrite() throws {
        var state = try QueueFixtures.detailState()
        state.settings.userName = "alice"   // who holds the claim
        state = ConsoleUpdate.update(state, .key(.character("1"))).0
        let buffer = render(state)
        assertSnapshot(buffer, named: "exception-confirm-80x24")
        XCTAssertTrue(buffer.lines().joined().contains("Write: resolve as candidate 1: X1?"))
    }

    func testReadOnlyQueueOmitsActionKeysAndGreysThemInHelp() throws {
        var state = QueueFixtures.queueState(readOnly: true)
        XCTAssertFalse(render(state).lines()[23].contains("claim"))
        state.showHelp = true
        let buffer = render(state)
        assertSnapshot(buffer, named: "queue-help-readonly-80x24")
        // The write keys are drawn in the secondary (grey) style, where a writable store draws them as text.
        var writable = QueueFixtures.queueState(readOnly: false)
        writable.showHelp = true
        let theme = Theme.builtInDefault
        XCTAssertNotEqual(theme.style(for: .dim), theme.style(for: .text), "the theme must tell grey from text")
        XCTAssertEqual(try keyStyle("c / u", in: buffer), theme.style(for: .dim), "read-only: greyed")
        XCTAssertEqual(try keyStyle("c / u", in: render(writable)), theme.style(for: .text), "writable: ordinary text")
        XCTAssertEqual(try keyStyle("s / S", in: buffer), theme.style(for: .text), "reading keys are not greyed")
    }

    /// The style of the first cell of `keys` where the help lists them.
    private func keyStyle(_ keys: String, in buffer: Buffer) throws -> Style? {
        let lines = buffer.lines()
        let row = try XCTUnwrap(lines.firstIndex { $0.contains("  " + keys + " ") }, "no \(keys) in help:\n\(lines.joined(separator: "\n"))")
        let column = lines[row].distance(from: lines[row].startIndex, to: try XCTUnwrap(lines[row].range(of: keys)).lowerBound)
        return buffer.cell(x: column, y: row)?.style
    }
}
