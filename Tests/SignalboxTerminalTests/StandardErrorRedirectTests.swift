import Glibc
import XCTest
@testable import SignalboxTerminal

final class StandardErrorRedirectTests: XCTestCase {
    func testStderrGoesToTheLogUntilRestored() throws {
        let path = "/tmp/signalbox-terminal-test-\(getpid()).log"
        defer { unlink(path) }
        let original = identity(of: STDERR_FILENO)
        let redirect = try StandardErrorRedirect(logPath: path)
        XCTAssertNotEqual(identity(of: STDERR_FILENO), original)
        _ = "hidden from the screen\n".withCString { write(STDERR_FILENO, $0, strlen($0)) }
        redirect.restore()
        XCTAssertEqual(identity(of: STDERR_FILENO), original)
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = read(descriptor, &bytes, bytes.count)
        XCTAssertEqual(String(decoding: bytes.prefix(max(0, count)), as: UTF8.self), "hidden from the screen\n")
    }

    func testUnwritableLogPathIsATypedError() {
        XCTAssertThrowsError(try StandardErrorRedirect(logPath: "/nonexistent-dir/x.log")) { error in
            XCTAssertTrue((error as? TerminalError)?.message.contains("/nonexistent-dir/x.log") == true)
        }
    }

    func testWakerMakesThePipeReadableAndDrainEmptiesIt() throws {
        let pipe = try WakePipe()
        let waker = TerminalWaker(pipe: pipe)
        XCTAssertEqual(readable(pipe), 0)
        waker.wake()
        waker.wake()
        XCTAssertEqual(readable(pipe), 1)
        pipe.drain()
        XCTAssertEqual(readable(pipe), 0)
    }

    private func identity(of descriptor: Int32) -> [UInt] {
        var status = stat()
        fstat(descriptor, &status)
        return [UInt(status.st_dev), UInt(status.st_ino)]
    }

    private func readable(_ pipe: WakePipe) -> Int32 {
        var descriptor = pollfd(fd: pipe.readDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0)
    }
}
