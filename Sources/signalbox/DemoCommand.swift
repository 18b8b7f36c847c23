import ArgumentParser
import Foundation
import SignalboxCore
import SignalboxSQLite
import SignalboxSimulation
import SignalboxStore

/// `signalbox demo`: a fresh store from the bundled demo events, opened in the console.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a fresh demo store from demo-data/events.jsonl and open the console on it.",
        discussion: """
        The events file is $SIGNALBOX_DEMO_EVENTS, else demo-data/events.jsonl found next to the executable or \
        in a directory above it (the package checkout). The store is recreated at --store (default \
        $XDG_DATA_HOME/signalbox/demo.sqlite). The simulator then plays the integration layer live on the demo \
        store, --speed times faster than the wall clock, so the dashboard and the exception queue move; the \
        console shows the signals as of the simulated time and stamps its actions with it. Quitting the console \
        stops the simulator. With --no-simulate the store stays still and the console shows the signals as of \
        the newest demo event (or --as-of). The demo store allows named actors, so $SIGNALBOX_USER may play \
        several people (`signalbox actors --strict --store PATH` stops it).
        """
    )

    @Option(help: ArgumentHelp("Where to create the demo store (replaced if present).", valueName: "path"))
    var store: String?

    @Flag(help: "Do not simulate new events while the console is open: the demo stays as of its newest event.")
    var noSimulate = false

    @Option(help: ArgumentHelp("Simulated time per wall time while simulating: 3600x is a simulated hour per second.",
                               valueName: "factor"))
    var speed = SpeedFactor(3600)

    @OptionGroup var consoleOptions: ConsoleOptions

    func run() async throws {
        try await Self.reportingFailures {
            let environment = ProcessEnvironment.current
            let events = try DemoData.locate(environment: environment)
            let path = store ?? StoreLocation.defaultDataDirectory(environment: environment) + "/demo.sqlite"
            try ProcessEnvironment.createParentDirectory(of: path)
            for file in SQLiteStore.files(at: path) { _ = unlink(file) }
            let writable = try SQLiteStore(path: path, readOnly: false)
            let outcome = try await IngestPipeline().ingest(path: events, into: writable) { _ in }
            // A demo plays several people on one machine: $SIGNALBOX_USER may name anyone on this store.
            try await writable.setNamedActorsAllowed(true)
            await writable.close()
            printError("demo store \(path): \(outcome.summary.description)")
            printError("demo store \(path): named actors allowed ($\(ActingUser.variable) may name anyone; see `signalbox actors`)")
            let readOnly = consoleOptions.readOnly || consoleOptions.wall
            if noSimulate {
                let demo = try SQLiteStore(path: path, readOnly: readOnly)
                do {
                    try await consoleOptions.runConsole(on: demo, fixedAsOf: try DemoData.newestOccurrence(in: events))
                } catch {
                    await demo.close()
                    throw error
                }
                await demo.close()
            } else {
                try await DemoSimulation(path: path, speed: speed.factor)
                    .runConsole(consoleOptions, readOnly: readOnly)
            }
        }
    }
}

/// Finds and reads the demo events file.
enum DemoData {
    static let relativePath = "demo-data/events.jsonl"

    /// `$SIGNALBOX_DEMO_EVENTS`, else `demo-data/events.jsonl` beside the executable or in a directory above it.
    static func locate(environment: [String: String]) throws -> String {
        if let path = environment["SIGNALBOX_DEMO_EVENTS"], !path.isEmpty {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw CommandFailure(.noInput, "SIGNALBOX_DEMO_EVENTS names \(path), which cannot be read")
            }
            return path
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var searched: [String] = []
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent(relativePath).path
            if FileManager.default.isReadableFile(atPath: candidate) { return candidate }
            searched.append(directory.path)
            directory.deleteLastPathComponent()
        }
        throw CommandFailure(.noInput, "demo data not found: no \(relativePath) in \(searched.joined(separator: ", ")); "
            + "set SIGNALBOX_DEMO_EVENTS to the events file")
    }

    /// The latest `occurred_at` among the file's valid events (nil when none).
    static func newestOccurrence(in path: String) throws -> Timestamp? {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.noInput, "cannot read \(path)")
        }
        var newest: Timestamp?
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let event = try? CanonicalEvent(jsonLine: line) else { continue }
            newest = max(newest ?? event.occurredAt, event.occurredAt)
        }
        return newest
    }
}
