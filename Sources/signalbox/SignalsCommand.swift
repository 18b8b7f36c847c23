import ArgumentParser
import Foundation
import SignalboxConsole
import SignalboxCore
import SignalboxStore

/// `signalbox signals`: the golden signals, as JSON (the public contract), a readable table, or a monitoring check.
struct SignalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "signals",
        abstract: "Print the golden signals as of a time over a window (golden-signals.md).",
        discussion: """
            `--json` prints exactly the documented JSON; without it, a readable table. `--check` judges the signals \
            against the console's thresholds (the configuration file's `thresholds:`) as a Nagios/Icinga plugin does: \
            one status line with performance data (`label=value;warn;crit`), exit 0 OK, 1 WARNING, 2 CRITICAL, \
            3 UNKNOWN (the store or the configuration cannot be read). `--only KEY[,KEY…]` reads, prints and judges \
            only the named sections (their JSON keys: \(SignalSections.keyList)); `as_of` and \
            `window_seconds` are always printed.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var windowOptions: WindowOptions

    @Flag(help: "Print the JSON document of golden-signals.md.")
    var json = false

    @Flag(help: "Judge the signals against the configured thresholds; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")
    var check = false

    @Option(help: ArgumentHelp(
        "Only these sections, by their JSON keys (comma-separated or repeated), e.g. exceptions,throughput.",
        valueName: "key"))
    var only: [String] = []

    @Option(help: ArgumentHelp(
        "Compute from a JSON Lines file with the reference implementation instead of a store (for verification).",
        valueName: "file"))
    var fromEvents: String?

    func validate() throws {
        if check, json { throw ValidationError("--check and --json are exclusive: the check prints its own status line") }
        _ = try sections()
    }

    /// The sections `--only` names; every section without it.
    private func sections() throws(ValidationError) -> SignalSections {
        guard !only.isEmpty else { return .all }
        var sections = SignalSections()
        for key in only.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let name = key.trimmingCharacters(in: .whitespaces)
            guard let section = SignalSections(key: name) else {
                throw ValidationError("--only: unknown section \(name.debugDescription); valid sections: "
                    + SignalSections.keyList)
            }
            sections.formUnion(section)
        }
        return sections
    }

    func run() async throws {
        if check { return try await runCheck() }
        try await Self.reportingFailures {
            let signals = try await computeSignals()
            json ? printJSON(signals.jsonDocument.serialized) : print(SignalsReport(signals).text)
        }
    }

    /// `--check`: a monitoring plugin's answer. Whatever stops the check from judging is UNKNOWN (exit 3).
    private func runCheck() async throws {
        let configuration: ConsoleConfiguration
        do {
            configuration = try ConsoleConfiguration.load(environment: ProcessInfo.processInfo.environment)
        } catch {
            print(ThresholdCheck.unknown("configuration: \(error)"))
            throw ExitCode(ThresholdCheck.unknownExitCode)
        }
        let signals: GoldenSignals
        do {
            signals = try await computeSignals()
        } catch let error as StoreError {
            print(ThresholdCheck.unknown("store unavailable: \(error)"))
            throw ExitCode(ThresholdCheck.unknownExitCode)
        } catch {
            print(ThresholdCheck.unknown("\(error)"))
            throw ExitCode(ThresholdCheck.unknownExitCode)
        }
        let result = ThresholdCheck(thresholds: configuration.thresholds, signals: signals)
        print(result.output)
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }

    /// The signals from the file (`--from-events`) or the store.
    private func computeSignals() async throws -> GoldenSignals {
        let instant = windowOptions.asOf ?? SystemClock.now()
        if let fromEvents {
            return SignalCalculator.compute(events: try EventFile.read(fromEvents), asOf: instant, window: windowOptions.window)
                .selecting(try sections())
        }
        let store = try await storeOptions.open(readOnly: true, application: "signalbox signals")
        let signals = try await store.signals(asOf: instant, window: windowOptions.window, sections: try sections())
        let missing = try await store.eventsNotYetInSignals()
        if missing > 0 {
            printError("note: unbilled time leaves out the last \(missing) time approvals and invoices of the log, "
                + "not yet applied (an ingest is committing, or one was interrupted: re-run it or `signalbox migrate`)")
        }
        await store.close()
        return signals
    }
}
