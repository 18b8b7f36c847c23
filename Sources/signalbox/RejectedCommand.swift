import ArgumentParser
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// `signalbox rejected`: lines that ingest could not store, with their reasons.
struct RejectedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "rejected",
        abstract: "Show rejected input lines kept in the store.",
        subcommands: [List.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List rejected lines: input:line: reason, then the raw text.")

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "At most this many lines (default 1000; with --csv all of them).")
        var limit: Int?

        @Flag(help: "One JSON object per line.")
        var json = false

        @Flag(help: "Every rejected line as CSV (RFC 4180) with a header: source, line, reason, raw.")
        var csv = false

        func validate() throws {
            if json && csv { throw ValidationError("give --json or --csv, not both") }
        }

        func run() async throws {
            try await Self.reportingFailures {
                let store = try await storeOptions.open(readOnly: true, application: "signalbox rejected")
                let lines = try await store.rejectedLines(limit: limit ?? (csv ? Int(Int32.max) : 1_000))
                await store.close()
                if csv { return CSVOutput.print(CSVOutput.rejectedLines(lines)) }
                for line in lines {
                    if json {
                        let object: JSONObject = [
                            "source": .string(line.sourceName), "line": .number(String(line.lineNumber)),
                            "reason": .string(line.reason), "raw": .string(line.rawText),
                        ]
                        printJSON(JSONValue.object(object).serialized)
                    } else {
                        print(TerminalSafeText.sanitize("\(line.sourceName):\(line.lineNumber): \(line.reason)"))
                        print("    \(TerminalSafeText.sanitize(String(line.rawText.prefix(200))))")
                    }
                }
            }
        }
    }
}
