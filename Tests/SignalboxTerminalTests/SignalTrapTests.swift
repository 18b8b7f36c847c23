import Glibc
import XCTest
@testable import SignalboxTerminal

final class SignalTrapTests: XCTestCase {
    func testTerminationSignalIsRecordedNotFatal() {
        SignalTrap.install(savedTermios: termios(), restoreSequence: [])
        defer { SignalTrap.uninstall() }
        XCTAssertNil(SignalTrap.pendingSignal)
        raise(SIGTERM)
        XCTAssertEqual(SignalTrap.pendingSignal, SIGTERM)
    }

    func testHangUpOnInputCountsAsSIGHUPButKeepsAnEarlierSignal() {
        SignalTrap.install(savedTermios: termios(), restoreSequence: [])
        SignalTrap.recordHangUp()
        XCTAssertEqual(SignalTrap.pendingSignal, SIGHUP)
        SignalTrap.uninstall()
        SignalTrap.install(savedTermios: termios(), restoreSequence: [])
        defer { SignalTrap.uninstall() }
        XCTAssertNil(SignalTrap.pendingSignal, "a new session starts with no pending signal")
        raise(SIGINT)
        SignalTrap.recordHangUp()
        XCTAssertEqual(SignalTrap.pendingSignal, SIGINT)
    }

    func testUninstallPutsThePreviousHandlerBack() {
        let previous = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, previous) }
        SignalTrap.install(savedTermios: termios(), restoreSequence: [])
        SignalTrap.uninstall()
        var current = sigaction()
        sigaction(SIGHUP, nil, &current)
        XCTAssertEqual(unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self), unsafeBitCast(SIG_IGN, to: Int.self))
    }
}
