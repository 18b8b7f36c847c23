import Foundation
import SignalboxTerminal
import Synchronization
import XCTest

/// Compares a rendered buffer with the committed snapshots `Snapshots/NAME.txt` (the text) and
/// `Snapshots/NAME.style.txt` (each cell's colours and attributes, see ``StyleSnapshot``).
///
/// Set `SIGNALBOX_RECORD_SNAPSHOTS=1` to write the snapshots instead; each recording fails its test ("recorded …;
/// run again"), as snapshot libraries do, so a run that records never passes: review the diff in git, then run
/// again without the variable. A mismatch fails with a line-by-line diff: `-` expected, `+` actual.
func assertSnapshot(_ buffer: Buffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let snapshots = [
        (path: directory.appendingPathComponent(name + ".txt"), actual: buffer.lines().joined(separator: "\n") + "\n"),
        (path: directory.appendingPathComponent(name + ".style.txt"), actual: StyleSnapshot(buffer).text),
    ]
    if ProcessInfo.processInfo.environment["SIGNALBOX_RECORD_SNAPSHOTS"] == "1" {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for snapshot in snapshots { try snapshot.actual.write(to: snapshot.path, atomically: true, encoding: .utf8) }
            let count = SnapshotRecording.recorded.add(1, ordering: .relaxed).newValue
            XCTFail("recorded snapshot \(name) (\(count) recorded in this run); run again without SIGNALBOX_RECORD_SNAPSHOTS",
                    file: file, line: line)
        } catch {
            XCTFail("cannot record snapshot \(name): \(error)", file: file, line: line)
        }
        return
    }
    for snapshot in snapshots {
        guard let expected = try? String(contentsOf: snapshot.path, encoding: .utf8) else {
            XCTFail("no snapshot \(snapshot.path.path); record it with SIGNALBOX_RECORD_SNAPSHOTS=1", file: file, line: line)
            continue
        }
        guard expected != snapshot.actual else { continue }
        XCTFail("snapshot \(snapshot.path.lastPathComponent) differs:\n" + lineDiff(expected: expected, actual: snapshot.actual),
                file: file, line: line)
    }
}

/// How many snapshots this test run recorded.
enum SnapshotRecording {
    static let recorded = Atomic<Int>(0)
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
