import ArgumentParser
import Foundation
import SignalboxCore
import SignalboxStore

/// `signalbox signals`: the five golden signals, as JSON (the public contract) or a readable table.
struct SignalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signals",
        abstract: "Print the golden signals as of a time over a window (golden-signals.md).",
        discussion: "`--json` prints exactly the documented JSON; without it, a readable table."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("RFC 3339 instant to compute as of (default: now).", valueName: "time"))
    var asOf: Timestamp?

    @Option(help: ArgumentHelp("Window length: 90s, 30m, 36h, 7d, 2w.", valueName: "length"))
    var window: SignalDuration = .days(7)

    @Flag(help: "Print the JSON document of golden-signals.md.")
    var json = false

    @Option(help: ArgumentHelp(
        "Compute from a JSON Lines file with the reference implementation instead of a store (for verification).",
        valueName: "file"))
    var fromEvents: String?

    func run() async throws {
        try await Self.reportingFailures {
            let instant = asOf ?? SystemClock.now()
            let length = window
            let signals: GoldenSignals
            if let fromEvents {
                signals = SignalCalculator.compute(events: try readEvents(fromEvents), asOf: instant, window: length)
            } else {
                let store = try await storeOptions.open(readOnly: true, application: "signalbox signals")
                signals = try await store.signals(asOf: instant, window: length)
                let missing = try await store.eventsNotYetInSignals()
                if missing > 0 {
                    printError("note: unbilled time leaves out the last \(missing) time approvals and invoices of the log, "
                        + "not yet applied (an ingest is committing, or one was interrupted: re-run it or `signalbox migrate`)")
                }
                await store.close()
            }
            json ? printJSON(signals.jsonDocument.serialized) : print(SignalsReport(signals).text)
        }
    }

    /// The valid events of a JSON Lines file in file order; invalid lines are reported and skipped.
    private func readEvents(_ path: String) throws -> [CanonicalEvent] {
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
