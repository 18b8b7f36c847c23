import ArgumentParser
import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// `signalbox exceptions`: the exception queue from the command line, with the console's rules.
struct ExceptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "exceptions",
        abstract: "List, inspect and act on exceptions (claim, release, resolve, dismiss, note).",
        discussion: "Actions are written as CONSOLE events by the user the store authenticates (see `signalbox actors`).",
        subcommands: [List.self, Show.self, Claim.self, Release.self, Resolve.self, Dismiss.self, Note.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List exceptions (open ones unless --all).")

        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Include resolved and dismissed exceptions.") var all = false
        @Option(help: "Only this kind (repeatable).") var kind: [ExceptionKind] = []
        @Option(help: "Only this severity (repeatable).") var severity: [Severity] = []
        @Option(help: "Only this state (repeatable).") var state: [QueueState] = []
        @Option(help: "Only exceptions claimed by this user (`me` for yourself).") var assignee: String?
        @Option(help: "Only exceptions whose text contains this.") var filter: String?
        @Option(help: ArgumentHelp("Only exceptions older than this (3d, 12h).", valueName: "length")) var olderThan: SignalDuration?
        @Option(help: ArgumentHelp("Only exceptions about this subject record.", valueName: "system/key")) var subject: RecordKey?
        @Option(help: "Sort by this column.") var sort: ExceptionSortKey = .age
        @Flag(help: "Sort descending (by age: newest first; the default is oldest first).") var descending = false
        @Option(help: ArgumentHelp("""
            Close mode, as the console's --close: exceptions with money at risk raised before this period's cutoff \
            first (the cutoff time and zone from `close:` in the configuration).
            """, valueName: "date")) var close: CivilDate?
        @Option(help: "At most this many rows (default 100; with --csv every matching row).") var limit: Int?
        @Flag(help: "One JSON object per line.") var json = false
        @Flag(help: "Every matching row as CSV (RFC 4180) with a header, amounts exact, in the sort asked for.") var csv = false

        func validate() throws {
            if json && csv { throw ValidationError("give --json or --csv, not both") }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            try await Self.reportingFailures {
                var query = ExceptionQuery()
                query.includeClosed = all
                query.kinds = Set(kind)
                query.severities = Set(severity)
                query.states = Set(state)
                if !query.states.isEmpty, query.states.contains(where: \.isClosed) { query.includeClosed = true }
                query.text = filter
                query.minimumAge = olderThan
                query.subject = subject
                query.sort = sort
                query.descending = descending
                if let close { query.atRiskFirstBefore = try CloseCutoff.of(close, environment: ProcessEnvironment.current) }
                let everything = csv && self.limit == nil
                let limit = self.limit ?? 100
                query.limit = everything ? QueueScreen.pageSize : limit + 1   // one more than shown: did --limit cut the list?
                let store = try await storeOptions.open(readOnly: true, application: "signalbox exceptions")
                if let assignee { query.assignee = assignee == "me" ? try await ActingUser.forReading(on: store) : assignee }
                let now = SystemClock.now()
                let found = everything ? try await store.allExceptionRows(query, now: now) : try await store.exceptionRows(query, now: now)
                await store.close()
                let rows = everything ? found : Array(found.prefix(limit))
                if csv {
                    CSVOutput.print(ExceptionExport.table(rows))
                } else if json {
                    rows.forEach { printJSON(ExceptionOutput.json($0).serialized) }
                } else {
                    print(ExceptionOutput.table(rows, now: now))
                }
                if !everything, found.count > limit {
                    printError("the first \(limit) shown; more exceptions match (--limit raises it, filters narrow it)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one exception with its history, candidates and suggestion.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The exception id.") var id: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await Self.reportingFailures {
                let store = try await storeOptions.open(readOnly: true, application: "signalbox exceptions")
                guard let record = try await store.exceptionRecord(id: id) else { throw StoreError.notFound("exception \(id)") }
                var suggestion: RememberedMapping?
                if let subject = record.subject { suggestion = try await store.mappingSuggestion(for: RecordKey(subject)) }
                await store.close()
                let runbook = RunbookCatalog(environment: ProcessEnvironment.current).lookup(record.kind)
                if case .failure(let problem) = runbook { printError(problem.description) }
                let found = try? runbook.get()
                json ? printJSON(ExceptionOutput.json(record, suggestion: suggestion, runbook: found).serialized)
                     : print(ExceptionOutput.detail(record, suggestion: suggestion, runbook: found, now: SystemClock.now()))
            }
        }
    }

    struct Claim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "claim", abstract: "Take an exception so others see you are on it.")
        @OptionGroup var action: ActionOptions
        func run() async throws { try await action.perform(.claim) }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "release", abstract: "Let go of an exception you claimed.")
        @OptionGroup var action: ActionOptions
        func run() async throws { try await action.perform(.release) }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve",
            abstract: "Resolve an exception, or with --subject every open exception about one record.",
            discussion: """
            For mapping ambiguities choose a candidate (--candidate N, 1-based, as `show` numbers them) or type the \
            target key (--target-key, with --target-system when the candidates disagree). The mapping is remembered \
            and suggested for the next exception about the same record. With --subject SYSTEM/KEY every open \
            exception about that record that the rules accept is resolved; without --yes only a preview is printed: \
            every exception with its id, kind, amount and version, those the rules refuse apart with the reason, and \
            a plan digest. --yes --plan DIGEST writes exactly the previewed exceptions at the versions shown, or \
            nothing when the set changed (exit 75); --yes alone writes what a preview would list now and prints every id. \
            Exit codes: 65 refused by the rules, 67 not found, 75 changed since you looked.
            """
        )

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The exception id (omit with --subject).") var id: String?
        @Option(help: "The candidate to map to, 1-based.") var candidate: Int?
        @Option(help: "The target record's key.") var targetKey: String?
        @Option(help: "The target record's system.") var targetSystem: String?
        @Option(help: ArgumentHelp("Resolve every open exception about this subject record.", valueName: "system/key"))
        var subject: RecordKey?
        @Option(help: "A note on what was done (required when there is no mapping).") var note: String?
        @Option(help: "Act only if the exception is still at this version (as shown by `show`).") var seenVersion: Int64?
        @Flag(help: "With --subject: apply, not just preview.") var yes = false
        @Option(help: "With --subject --yes: apply only if the set is still the one the preview with this digest listed.")
        var plan: String?

        /// One exception with a choice, or every open exception about a subject mapped to one key.
        private enum Mode {
            case one(id: String, ResolutionChoice)
            case all(subject: RecordKey, targetKey: String)
        }

        /// What the arguments ask for; the one place they are checked.
        private func mode() throws -> Mode {
            if let subject {
                guard id == nil, candidate == nil else { throw ValidationError("--subject resolves many: give no id and no --candidate") }
                guard let targetKey else { throw ValidationError("--subject needs --target-key") }
                guard plan == nil || yes else { throw ValidationError("--plan confirms a preview: give it with --yes") }
                return .all(subject: subject, targetKey: targetKey)
            }
            guard let id else { throw ValidationError("name the exception id, or use --subject") }
            guard candidate == nil || targetKey == nil else { throw ValidationError("give --candidate or --target-key, not both") }
            if let candidate { return .one(id: id, .candidate(index: candidate - 1)) }
            if let targetKey { return .one(id: id, .target(key: targetKey, system: targetSystem)) }
            return .one(id: id, .noMapping)
        }

        func validate() throws { _ = try mode() }

        func run() async throws {
            switch try mode() {
            case .all(let subject, let targetKey):
                try await Self.reportingFailures { try await resolveAll(subject: subject, targetKey: targetKey) }
            case .one(let id, let choice):
                try await ActionOptions(storeOptions: storeOptions, id: id, seenVersion: seenVersion)
                    .perform(.resolve(choice, note: note))
            }
        }

        private func resolveAll(subject: RecordKey, targetKey: String) async throws {
            let store = try await storeOptions.open(readOnly: !yes, application: "signalbox exceptions")
            let now = SystemClock.now()
            let rows = try await store.exceptionRows(.bulkResolution(of: subject), now: now)
            guard let first = rows.first else {
                print("no open exception about \(subject)")
                return
            }
            let target = RecordKey(system: try await targetSystem(for: first.exceptionID, in: store), key: targetKey)
            let user = yes ? try await ActingUser.forWriting(on: store) : try await ActingUser.forReading(on: store)
            let plan = try await store.previewResolveAll(subject: subject, target: target, note: note, by: user, now: now)
            let previews = SavedPreviews(environment: ProcessEnvironment.current)
            guard yes else {
                previews.save(plan)
                print(BulkResolutionOutput.preview(plan))
                return
            }
            if let expected = self.plan, expected != plan.digest {
                let changes = previews.load(expected).map { plan.changes(since: $0) } ?? []
                throw CommandFailure(.changedSinceSeen, "the set changed since the preview: "
                    + (changes.isEmpty ? "plan \(expected) is now \(plan.digest)" : changes.joined(separator: ", "))
                    + "; nothing was written (preview again)")
            }
            let outcome = try await store.resolveAll(plan, by: user, now: now)
            await store.close()
            print(BulkResolutionOutput.result(outcome, plan: plan))
            let stale = outcome.failures.contains { if case .refused(.changedSinceSeen) = $0.error { true } else { false } }
            if stale { throw ExitCode(CommandFailure.Code.changedSinceSeen.rawValue) }
            if !outcome.failures.isEmpty { throw ExitCode(CommandFailure.Code.dataError.rawValue) }
        }

        /// --target-system, else the one system all of the exception's candidates are in.
        private func targetSystem(for exceptionID: String, in store: any ExceptionQueueStore) async throws -> String {
            if let targetSystem { return targetSystem }
            do {
                return try MappingCandidate.commonSystem(of: try await store.exceptionRecord(id: exceptionID)?.candidates ?? [])
            } catch ExceptionActionError.targetSystemUnknown(let systems) {
                throw ValidationError("name --target-system: the candidates are in \(systems.joined(separator: ", "))")
            }
        }
    }

    struct Dismiss: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "dismiss", abstract: "Close an exception without action; a reason is required.")
        @OptionGroup var action: ActionOptions
        @Option(help: "Why it needs no action.") var reason: String
        func run() async throws { try await action.perform(.dismiss(reason: reason)) }
    }

    struct Note: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a comment to an exception.")
        @OptionGroup var action: ActionOptions
        @Argument(help: "The comment.") var text: String
        func run() async throws { try await action.perform(.note(text)) }
    }
}

/// The store, exception id and optional seen version every action takes.
struct ActionOptions: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The exception id.") var id: String
    @Option(help: "Act only if the exception is still at this version (as shown by `show`).") var seenVersion: Int64?

    init() {}

    init(storeOptions: StoreOptions, id: String, seenVersion: Int64?) {
        self.storeOptions = storeOptions
        self.id = id
        self.seenVersion = seenVersion
    }

    /// Decides and writes `command` as the current user; prints what was written.
    func perform(_ command: ExceptionCommand) async throws {
        try await IngestCommand.reportingFailures {
            let store = try await storeOptions.open(readOnly: false, application: "signalbox exceptions")
            let version: Int64
            if let seenVersion {
                version = seenVersion
            } else {
                guard let record = try await store.exceptionRecord(id: id) else { throw StoreError.notFound("exception \(id)") }
                version = record.version
            }
            let user = try await ActingUser.forWriting(on: store)
            let events = try await store.perform(command, on: id, seenVersion: version, by: user, now: SystemClock.now())
            await store.close()
            for event in events {
                if case .reprocessRequested(let request) = event.payload {
                    print(TerminalSafeText.sanitize("reprocess requested: request \(request.requestID) for \(id) by \(user) "
                        + "(event \(event.eventID)); approve with `signalbox reprocess approve \(request.requestID)`"))
                } else {
                    print(TerminalSafeText.sanitize("\(event.type.rawValue) \(event.eventID) by \(user)"))
                }
            }
        }
    }
}
