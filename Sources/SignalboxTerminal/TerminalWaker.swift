import Glibc

/// Wakes a `CursesTerminal.readKey` that is waiting for input, from any thread or task.
///
/// Background work (store queries, timers) calls `wake()` after posting its result to the console's inbox;
/// the UI loop's `readKey` then returns `nil` at once and the loop can process the result.
public final class TerminalWaker: Sendable {
    private let pipe: WakePipe

    init(pipe: WakePipe) { self.pipe = pipe }

    /// Makes the current or next `readKey` return promptly. Cheap, non-blocking, safe to call often.
    public func wake() {
        var byte: UInt8 = 1
        _ = write(pipe.writeDescriptor, &byte, 1)
    }
}

/// A non-blocking self-pipe; the read end is polled together with the terminal input.
final class WakePipe: Sendable {
    let readDescriptor: Int32
    let writeDescriptor: Int32

    init() throws(TerminalError) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            throw TerminalError("could not create the wake-up pipe: \(String(cString: strerror(errno)))")
        }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    /// Empties the pipe so the next poll blocks again.
    func drain() {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &scratch, scratch.count) > 0 {}
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }
}
