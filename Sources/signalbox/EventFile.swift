import Foundation
import SignalboxCore
import SignalboxStore

/// `--from-events FILE`: canonical events read from a JSON Lines file for the reference implementation.
enum EventFile {
    /// The valid events of a JSON Lines file in file order; invalid lines are reported and skipped.
    static func read(_ path: String) throws -> [CanonicalEvent] {
        guard let data = FileManager.default.contents(atPath: path) else { throw IngestInputError.missing(path) }
        var events: [CanonicalEvent] = []
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let bytes = line.last == 0x0D ? line.dropLast() : line
            guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { continue }
            do {
                events.append(try CanonicalEvent(jsonLine: bytes))
            } catch {
                printError("\(path):\(index + 1): \(error) (skipped)")
            }
        }
        return events
    }
}
