import ArgumentParser
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// `signalbox audit`: the console actions (the audit trail) and the check of their hash chain.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List console actions, or verify their hash chain.",
        subcommands: [List.self, Verify.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Console actions in log order.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Only actions at or after this RFC 3339 time.") var since: Timestamp?
        @Flag(help: "One event per line as stored (JSON Lines).") var json = false

        func run() async throws {
            try await Self.reportingFailures {
                let store = try await storeOptions.open(readOnly: true, application: "signalbox audit")
                let trail = try await store.auditTrail(since: since)
                await store.close()
                for logged in trail {
                    print(json ? logged.event.jsonLine
                               : TerminalSafeText.sanitize("#\(logged.sequence)  \(logged.event.occurredAt.rfc3339)  \(EventSummary.describe(logged.event))"))
                }
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no console action was edited, deleted, inserted or reordered. Exit 1 if one was.")
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            try await Self.reportingFailures {
                let store = try await storeOptions.open(readOnly: true, application: "signalbox audit")
                let count = try await store.auditTrail(since: nil).count
                let findings = try await store.verifyAudit()
                await store.close()
                guard !findings.isEmpty else { return print("audit chain intact: \(count) console events") }
                for finding in findings { print(TerminalSafeText.sanitize(finding.description)) }
                throw ExitCode(1)
            }
        }
    }
}
