import ArgumentParser
import Foundation
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// `signalbox audit`: the audit trail (every console action and every change of an exception), the check of its
/// hash chain, and checkpoints of the chain to keep outside the store.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "audit",
        abstract: "List audited events, verify their hash chain, or print a checkpoint of it to keep elsewhere.",
        subcommands: [List.self, Verify.self, Checkpoint.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Console actions and every change of an exception, from any source, in log order.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Only events at or after this RFC 3339 time.") var since: Timestamp?
        @Flag(help: "One event per line as stored (JSON Lines).") var json = false
        @Flag(help: "The trail as CSV (RFC 4180) with a header, one row per audited event.") var csv = false

        func validate() throws {
            if json && csv { throw ValidationError("give --json or --csv, not both") }
        }

        func run() async throws {
            try await Self.reportingFailures {
                let store = try await storeOptions.open(readOnly: true, application: "signalbox audit")
                let trail = try await store.auditTrail(since: since)
                await store.close()
                if csv { return CSVOutput.print(CSVOutput.auditTrail(trail)) }
                for logged in trail {
                    let event = logged.event
                    json ? printJSON(event.jsonLine)
                         // One line per event: a line feed in store text must not start a line of its own.
                         : print(TerminalSafeText.sanitize("#\(logged.sequence)  \(event.occurredAt.rfc3339)  \(event.source.rawValue)  "
                                                           + EventSummary.describe(event)))
                }
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check that no audited event was edited, deleted, inserted or reordered. Exit 1 if one was.",
            discussion: """
                Without --checkpoint this proves the log is consistent with itself, which anyone able to write \
                the store can arrange by recomputing every hash. With --checkpoint FILE (lines printed earlier by \
                `signalbox audit checkpoint` and kept outside the store) it also proves the log still extends every \
                one of them: nothing audited before a checkpoint was changed or removed since.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "A file of checkpoint lines (from `signalbox audit checkpoint`) the log must extend.")
        var checkpoint: String?

        func run() async throws {
            try await Self.reportingFailures {
                let checkpoints = try checkpoint.map(readCheckpoints) ?? []
                let store = try await storeOptions.open(readOnly: true, application: "signalbox audit")
                let verification = try await store.verifyAudit()
                await store.close()
                let findings = verification.findings + verification.findings(against: checkpoints)
                guard !findings.isEmpty else {
                    let extending = checkpoints.isEmpty ? "" : "; extends all \(checkpoints.count) checkpoints"
                    return print("audit chain intact: \(verification.links.count) audited events\(extending)")
                }
                for finding in findings { print(finding.description) }
                throw ExitCode(1)
            }
        }

        private func readCheckpoints(_ path: String) throws -> [AuditCheckpoint] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(.noInput, "cannot read checkpoint file \(path)")
            }
            var checkpoints: [AuditCheckpoint] = []
            for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .enumerated() where !line.allSatisfy({ $0 == " " || $0 == "\r" }) {
                guard let checkpoint = AuditCheckpoint(line: line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                    throw CommandFailure(.dataError, "\(path):\(index + 1): not a checkpoint line "
                        + "(expected `signalbox-audit-checkpoint count=N head=<64 hex> at=TIME`)")
                }
                checkpoints.append(checkpoint)
            }
            guard !checkpoints.isEmpty else { throw CommandFailure(.dataError, "\(path): no checkpoint lines") }
            return checkpoints
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract: "Print one line (count, head hash, time) to keep outside the store, for `audit verify --checkpoint`.",
            discussion: """
                Append the line to a file kept where writers of the store cannot change it (a ticket, a log \
                shipper, another machine). Refused (exit 1) when the chain does not verify: a checkpoint of a \
                broken chain would vouch for it.
                """)
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            try await Self.reportingFailures {
                let store = try await storeOptions.open(readOnly: true, application: "signalbox audit")
                let verification = try await store.verifyAudit()
                await store.close()
                guard verification.findings.isEmpty else {
                    for finding in verification.findings { print(finding.description) }
                    printError("the audit chain does not verify; no checkpoint taken")
                    throw ExitCode(1)
                }
                guard let checkpoint = verification.checkpoint(at: SystemClock.now()) else {
                    throw CommandFailure(.dataError, "the audit chain is empty; nothing to checkpoint")
                }
                print(checkpoint.description)
            }
        }
    }
}
