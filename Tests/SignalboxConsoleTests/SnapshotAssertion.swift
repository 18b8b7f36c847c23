import Foundation
import SignalboxTerminal
import XCTest

/// Compares a rendered buffer with a committed text snapshot in `Snapshots/NAME.txt`.
///
/// Set `SIGNALBOX_RECORD_SNAPSHOTS=1` to write the snapshot instead (then review the diff in git).
/// A mismatch fails with a line-by-line diff: `-` expected, `+` actual.
func assertSnapshot(_ buffer: Buffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let path = directory.appendingPathComponent(name + ".txt")
    let actual = buffer.lines().joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["SIGNALBOX_RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? actual.write(to: path, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: path, encoding: .utf8) else {
        XCTFail("no snapshot \(path.path); record it with SIGNALBOX_RECORD_SNAPSHOTS=1", file: file, line: line)
        return
    }
    guard expected != actual else { return }
    XCTFail("snapshot \(name) differs:\n" + lineDiff(expected: expected, actual: actual), file: file, line: line)
}

/// The differing lines, numbered: `-` the snapshot, `+` the rendering.
func lineDiff(expected: String, actual: String) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var report: [String] = []
    for index in 0..<max(old.count, new.count) {
        let a = index < old.count ? String(old[index]) : "<missing>"
        let b = index < new.count ? String(new[index]) : "<missing>"
        if a != b { report += [String(format: "%3d - %@", index + 1, a), String(format: "%3d + %@", index + 1, b)] }
    }
    return report.joined(separator: "\n")
}
