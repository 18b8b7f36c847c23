import ArgumentParser
import SignalboxCore
import SignalboxConsole
import SignalboxStore
import SignalboxTerminal

/// `signalbox reprocess`: request and approve replays of failed events (four eyes by default).
struct ReprocessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "reprocess",
        abstract: "Request reprocessing of an exception's failed event, approve a request, list requests.",
        subcommands: [Request.self, Approve.self, List.self, Policy.self],
        defaultSubcommand: List.self
    )

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "request", abstract: "Ask for the exception's failed event to be replayed.")
        @OptionGroup var action: ActionOptions
        func run() async throws { try await action.perform(.requestReprocess) }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
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
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List reprocess requests, newest first.")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Include completed requests.") var all = false
        @Option(help: "At most this many (default 100; with --csv all of them).") var limit: Int?
        @Flag(help: "One JSON object per line.") var json = false
        @Flag(help: "Every request as CSV (RFC 4180) with a header.") var csv = false

        func validate() throws {
            if json && csv { throw ValidationError("give --json or --csv, not both") }
        }

        func run() async throws {
            try await Self.reportingFailures {
                let limit = self.limit ?? (csv ? Int(Int32.max) - 1 : 100)
                let store = try await storeOptions.open(readOnly: true, application: "signalbox reprocess")
                let found = try await store.reprocessRequests(outstandingOnly: !all, limit: limit + 1)
                await store.close()
                let rows = Array(found.prefix(limit))
                if csv { return CSVOutput.print(CSVOutput.reprocessRequests(rows)) }
                if found.count > limit {
                    printError("the newest \(limit) shown; more requests exist (--limit raises it)")
                }
                if json { return rows.forEach { print(ExceptionOutput.json($0).serialized) } }
                guard !rows.isEmpty else { return print("no reprocess requests") }
                print(TextTable.render(
                    columns: [.whole("REQUEST", priority: 0), .whole("EXCEPTION", priority: 1), .whole("STATUS", priority: 2),
                              .init("REQUESTED BY", priority: 3, minimum: 6, natural: 30),
                              .init("APPROVED BY", priority: 4, minimum: 6, natural: 30), .whole("REQUESTED AT", priority: 5)],
                    rows: rows.map { row in
                        [row.request.requestID, row.exceptionID, row.status.rawValue, row.request.requested.by,
                         row.request.approval?.by ?? "—", row.request.requested.at.rfc3339].map { TerminalSafeText.sanitize($0) }
                    }))
            }
        }
    }

    struct Policy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            abstract: "Show or change who may approve reprocessing (kept in the store, enforced for everyone).",
            discussion: """
            A change is a decision in the audit trail (who, when, old → new; see `audit list`), permitted only to an \
            approver: on PostgreSQL the signalbox_approver role or the store's owner, on SQLite the owner of the store \
            file. A threshold needs its ISO 4217 currency (--currency EUR): amounts in different currencies are never \
            compared. Exit codes: 65 refused (an unsound policy), 77 not permitted.
            """)

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Allow requesters to approve their own requests when the amount at risk is below this (needs --currency).")
        var selfApprovalBelow: ExactDecimal?
        @Option(help: "The threshold's currency, an ISO 4217 code such as EUR (required with --self-approval-below).")
        var currency: String?
        @Flag(help: "Back to strict four eyes.") var strict = false

        func validate() throws {
            guard !(strict && (selfApprovalBelow != nil || currency != nil)) else {
                throw ValidationError("--strict contradicts --self-approval-below and --currency: give one or the other")
            }
            guard currency == nil || selfApprovalBelow != nil else {
                throw ValidationError("--currency alone changes nothing: give --self-approval-below with it")
            }
        }

        func run() async throws {
            try await Self.reportingFailures {
                let changing = strict || selfApprovalBelow != nil
                let store = try await storeOptions.open(readOnly: !changing, application: "signalbox reprocess")
                if changing {
                    let policy = strict ? .strict : ReprocessPolicy(selfApprovalBelow: selfApprovalBelow, selfApprovalCurrency: currency)
                    let user = try await ActingUser.forWriting(on: store)
                    let event = try await store.setReprocessPolicy(policy, by: user, now: SystemClock.now())
                    print(TerminalSafeText.sanitize("\(event.type.rawValue) \(event.eventID) by \(user)"))
                }
                let policy = try await store.reprocessPolicy()
                await store.close()
                if let limit = policy.selfApprovalBelow, let currency = policy.selfApprovalCurrency {
                    print("four eyes, except self-approval below \(currency) \(limit)")
                } else {
                    print(policy.fourEyes ? "four eyes: the approver must differ from the requester" : "anyone may approve")
                }
            }
        }
    }
}
