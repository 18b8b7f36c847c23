import ArgumentParser
import Foundation
import SignalboxCore
import SignalboxSimulation

/// `signalbox generate`: writes a deterministic, realistic stream of canonical events as JSON Lines.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "generate",
        abstract: "Generate deterministic contract-to-cash events as canonical JSON Lines.",
        discussion: """
            The same arguments always produce the same bytes. Timestamps fall within --from 00:00:00Z \
            and --to 23:59:59Z. Sizing: about 23 events per contract over 90 days on average \
            (time-and-materials about 44, other models about 7), so --contracts 42000 over 90 days gives \
            roughly 1,000,000 events.
            """
    )

    @Option(help: "Seed of the run (any unsigned 64-bit integer).")
    var seed: UInt64

    @Option(help: "Number of contracts approved over the range.")
    var contracts: Int

    @Option(help: ArgumentHelp("First day (UTC).", valueName: "yyyy-mm-dd"))
    var from: CivilDate

    @Option(help: ArgumentHelp("Last day (UTC), included.", valueName: "yyyy-mm-dd"))
    var to: CivilDate

    @Option(help: "File to write (default: standard output).")
    var output: String?

    func run() throws {
        let configuration = try GeneratorConfiguration(seed: seed, contracts: contracts, from: from, to: to)
        let writer = try JSONLinesWriter(path: output)
        for generated in EventGenerator(configuration: configuration) {
            try writer.write(generated.jsonLine)
        }
        try writer.close()
        let summary = "signalbox generate: wrote \(writer.linesWritten) events to \(output ?? "standard output")\n"
        FileHandle.standardError.write(Data(summary.utf8))
    }
}
