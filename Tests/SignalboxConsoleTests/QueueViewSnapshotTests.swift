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

    func testDetail() throws {
        let buffer = render(try QueueFixtures.detailState())
        assertSnapshot(buffer, named: "exception-detail-80x24")
        let text = buffer.lines().joined(separator: "\n")
        XCTAssertTrue(text.contains("claimed by alice 12m ago"), text)
        XCTAssertTrue(text.contains("2  ERP/C-200"), text)
    }

    func testConfirmationNamesTheWrite() throws {
        var state = try QueueFixtures.detailState()
        state = ConsoleUpdate.update(state, .key(.character("1"))).0
        let buffer = render(state)
        assertSnapshot(buffer, named: "exception-confirm-80x24")
        XCTAssertTrue(buffer.lines().joined().contains("Write: resolve as candidate 1: X1?"))
    }

    func testReadOnlyQueueOmitsActionKeysAndGreysThemInHelp() {
        var state = QueueFixtures.queueState(readOnly: true)
        XCTAssertFalse(render(state).lines()[23].contains("claim"))
        state.showHelp = true
        assertSnapshot(render(state), named: "queue-help-readonly-80x24")
    }
}
