import Foundation
import SignalboxCore
import XCTest

/// Golden signals with everything empty, to be adjusted by each test.
func emptySignals(asOf: Timestamp = Timestamp(epochSeconds: 1_790_000_000)) -> GoldenSignals {
    GoldenSignals(
        asOf: asOf, window: .days(7),
        activation: ActivationLatency(count: 0, p50: nil, p90: nil, max: nil, pending: 0, oldestPending: nil),
        provisioning: ProvisioningSignal(succeeded: 0, failed: 0, firstEvents: 0, firstPassed: 0),
        amendments: AmendmentAccuracy(accurate: 0, mismatched: 0, pending: 0),
        unbilled: [:],
        exceptions: ExceptionBacklog(openByKind: [:], oldestOpen: nil, raisedInWindow: 0, closedInWindow: 0))
}

/// An exact decimal from text, failing the test on bad input.
func decimal(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ExactDecimal {
    do {
        return try ExactDecimal(parsing: text)
    } catch {
        XCTFail("bad decimal \(text): \(error)", file: file, line: line)
        return .zero
    }
}

/// A fresh temporary directory, removed when the test ends.
func temporaryDirectory(_ test: XCTestCase) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-theme-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url.path
}

/// Writes `text` to `directory/name`, creating the directory.
func write(_ text: String, to name: String, in directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
}

/// The repository's shipped `Themes` directory.
let shippedThemesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Themes").path
