import ArgumentParser
import Dispatch
import SignalboxCore
import SignalboxSimulation
import SignalboxStore
#if canImport(Glibc)
import Glibc
#endif

/// `signalbox simulate`: plays the integration layer live against a store and reacts to console decisions.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "simulate",
        abstract: "Play the integration layer live against a store, reacting to what people decide in the console.",
        discussion: """
            Writes CLM approvals, PSA provisioning (with failures and retries), ERP billing schedules, amendments \
            (some propagated wrongly or late), approved time, milestones, invoices, payments and exceptions of every \
            kind, stamped with simulated time. Simulated time starts at the store's newest exception (or now) and runs \
            --speed times faster than the wall clock. Every poll it replays approved reprocess requests once, and \
            activates contracts whose mapping or master-data exception someone resolved. Ctrl-C stops it cleanly.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Most generated events written per wall second.", valueName: "events-per-sec"))
    var rate = 50

    @Option(help: "Seed of the run (default: the demo data's, so customers match the demo store).")
    var seed: UInt64 = 20261123

    @Option(help: ArgumentHelp("Stop after this much wall time: 90s, 10m, 2h (default: run until Ctrl-C).", valueName: "length"))
    var duration: SignalDuration?

    @Option(help: ArgumentHelp("Simulated time per wall time: 60x is a simulated minute per second.", valueName: "factor"))
    var speed = SpeedFactor(60)

    @Option(help: "Contracts approved per simulated day.")
    var contractsPerDay = 200

    func run() async throws {
        try await Self.reportingFailures {
            var configuration = SimulatorConfiguration()
            configuration.seed = seed
            configuration.maximumEventsPerSecond = rate
            configuration.contractsPerDay = contractsPerDay
            configuration.speed = speed.factor
            do { try configuration.validate() } catch { throw ValidationError(String(describing: error)) }
            let wallLimit = duration

            let store = try await storeOptions.open(readOnly: false, creating: true, application: "signalbox simulate")
            let clock = SystemSimulatorClock()
            let simulator = try IntegrationSimulator(store: store, configuration: configuration, clock: clock)
            let progress = ProgressLine(clock: clock)
            let run = Task { () async throws(SimulatorError) -> SimulationRunSummary in
                if let wallLimit { return try await simulator.run(forWall: wallLimit, progress: progress.report) }
                return try await simulator.run(progress: progress.report)
            }
            let interrupt = StopOnInterrupt { run.cancel() }
            defer { interrupt.restore() }
            let summary: SimulationRunSummary
            do { summary = try await run.value } catch { throw CommandFailure(.unavailable, String(describing: error)) }
            await store.close()
            printError("simulate: \(summary.steps) steps to \(summary.simulatedTime?.rfc3339 ?? "-"); \(summary.ingest.description); "
                       + "\(summary.replays) replays, \(summary.activations) activations, \(summary.autoResolved) auto-resolved")
        }
    }
}

/// Prints a status line to standard error about every five wall seconds.
private final class ProgressLine: @unchecked Sendable {
    private let clock: SystemSimulatorClock
    private let lock = DispatchQueue(label: "signalbox.simulate.progress")
    private var lastPrinted = Timestamp(microseconds: 0)
    private var written = 0, replays = 0, activations = 0, autoResolved = 0

    init(clock: SystemSimulatorClock) { self.clock = clock }

    var report: @Sendable (SimulationStepReport) -> Void { { [self] step in lock.sync { record(step) } } }

    private func record(_ step: SimulationStepReport) {
        written += step.ingest.accepted
        replays += step.replays
        activations += step.activations
        autoResolved += step.autoResolved
        let now = clock.now()
        guard now.since(lastPrinted) >= .seconds(5) else { return }
        lastPrinted = now
        printError("simulate: at \(step.simulatedTime.rfc3339): \(written) events written, \(replays) replays, "
                   + "\(activations) activations, \(autoResolved) auto-resolved\(step.backlog ? " (rate-capped)" : "")")
    }
}

/// Cancels the run on SIGINT or SIGTERM instead of killing the process mid-batch.
private final class StopOnInterrupt: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    init(_ stop: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: stop)
            source.resume()
            sources.append(source)
        }
    }

    func restore() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
