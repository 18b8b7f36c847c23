import ArgumentParser
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// `signalbox ingest`: load canonical events from JSON Lines files or standard input.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "ingest",
        abstract: "Store canonical events from JSON Lines files (or - for standard input).",
        discussion: """
        Duplicates (an event_id already stored) are skipped and counted. Rejected lines are kept in the store \
        with file, line number, text and reason (see `signalbox rejected list`). Exit status: 0 when every \
        line was stored or was a duplicate, 65 when some lines were rejected (the good ones are stored), \
        66 when an input cannot be read, 69 when the store cannot be opened.
        """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Lines per transaction.")
    var batchSize = IngestPipeline().batchSize

    @Flag(help: "Report each committed transaction on standard error.")
    var progress = false

    @Option(help: ArgumentHelp("""
        Accept a reprocess.completed dated up to this long before the approval it answers (the clock skew between \
        signalbox and the middleware), e.g. 30s or 2m. Default: none; such a completion is rejected.
        """, valueName: "duration"))
    var clockSkew: SignalDuration?

    @Argument(help: ArgumentHelp("JSON Lines files; - reads standard input.", valueName: "file"))
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file, or - for standard input") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    }

    func run() async throws {
        try await Self.reportingFailures {
            let store = try await storeOptions.open(readOnly: false, creating: true, application: "signalbox ingest")
            let pipeline = IngestPipeline(batchSize: batchSize, clockSkewTolerance: clockSkew ?? .zero)
            var total = IngestSummary()
            for file in files {
                let outcome = try await pipeline.ingest(path: file, into: store) { [progress] committed in
                    if progress { printError("\(file): committed \(committed.description)") }
                }
                for rejected in outcome.sampleRejections {
                    printError(TerminalSafeText.sanitize("\(rejected.sourceName):\(rejected.lineNumber): \(rejected.reason)"))
                }
                if outcome.summary.rejected > outcome.sampleRejections.count {
                    printError("\(file): \(outcome.summary.rejected - outcome.sampleRejections.count) more rejected lines; see `signalbox rejected list`")
                }
                total = total + outcome.summary
            }
            print(total.description)
            await store.close()
            if total.rejected > 0 { throw ExitCode(CommandFailure.Code.dataError.rawValue) }
        }
    }
}
