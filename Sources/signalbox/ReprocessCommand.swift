import ArgumentParser
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// `signalbox reprocess`: request and approve replays of failed events (four eyes by default).
struct ReprocessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprocess",
        abstract: "Request reprocessing of an exception's failed event, approve a request, list requests.",
        subcommands: [Request.self, Approve.self, List.self, Policy.self],
        defaultSubcommand: List.self
    )

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ask for the exception's failed event to be replayed.")
        @OptionGroup var action: ActionOptions
        func run() async throws { try await action.perform(.requestReprocess) }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a reprocess request; a different user than the requester must approve (see `policy`).")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The request id (see `reprocess list`).") var requestID: String

        func run() async throws {
            try await Self.reportingFailures {
                let store = try await storeOptions.open(readOnly: true, application: "signalbox reprocess")
                let requests = try await store.reprocessRequests(outstandingOnly: false, limit: 100_000)
                await store.close()
                guard let row = requests.first(where: { $0.request.requestID == requestID }) else {
                    throw StoreError.notFound("reprocess request \(requestID)")
                }
                try await ActionOptions(storeOptions: storeOptions, id: row.exceptionID, seenVersion: nil)
                    .perform(.approveReprocess(requestID: requestID))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List reprocess requests, newest first.")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Include completed requests.") var all = false
        @Option(help: "At most this many.") var limit = 100

        func run() async throws {
            try await Self.reportingFailures {
                let store = try await storeOptions.open(readOnly: true, application: "signalbox reprocess")
                let rows = try await store.reprocessRequests(outstandingOnly: !all, limit: limit)
                await store.close()
                guard !rows.isEmpty else { return print("no reprocess requests") }
                print(TextTable.render(
                    header: ["REQUEST", "EXCEPTION", "STATUS", "REQUESTED BY", "APPROVED BY", "REQUESTED AT"],
                    rows: rows.map { row in
                        [row.request.requestID, row.exceptionID, "\(row.request.status)", row.request.requested.by,
                         row.request.approval?.by ?? "—", row.request.requested.at.rfc3339].map { TerminalSafeText.sanitize($0) }
                    }))
            }
        }
    }

    struct Policy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or change who may approve reprocessing (kept in the store, enforced for everyone).")

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Allow requesters to approve their own requests when the amount at risk is below this.")
        var selfApprovalBelow: ExactDecimal?
        @Option(help: "…only in this currency.") var currency: String?
        @Flag(help: "Back to strict four eyes.") var strict = false

        func run() async throws {
            try await Self.reportingFailures {
                let changing = strict || selfApprovalBelow != nil
                let store = try await storeOptions.open(readOnly: !changing, application: "signalbox reprocess")
                if strict {
                    try await store.setReprocessPolicy(.strict)
                } else if let selfApprovalBelow {
                    try await store.setReprocessPolicy(ReprocessPolicy(selfApprovalBelow: selfApprovalBelow,
                                                                       selfApprovalCurrency: currency))
                }
                let policy = try await store.reprocessPolicy()
                await store.close()
                if let limit = policy.selfApprovalBelow {
                    print("four eyes, except self-approval below \(policy.selfApprovalCurrency.map { "\($0) " } ?? "")\(limit)")
                } else {
                    print(policy.fourEyes ? "four eyes: the approver must differ from the requester" : "anyone may approve")
                }
            }
        }
    }
}
