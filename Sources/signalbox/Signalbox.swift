import ArgumentParser

/// `signalbox`: the operations console for the integration layer of a services firm. With no subcommand, or with the
/// console's options only (`signalbox --store URL --wall`), it opens the console (``ConsoleByDefault``).
struct Signalbox: AsyncParsableCommand {
    /// The program's name, as its usage and help print it.
    static let commandName = "signalbox"
    /// What `--version` prints.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: commandName,
        abstract: "Golden signals, exception queue and correlation trace for the integration layer's event store.",
        version: version,
        subcommands: [
            ConsoleCommand.self,
            DemoCommand.self,
            IngestCommand.self,
            SignalsCommand.self,
            PublishCommand.self,
            ReconcileCommand.self,
            RejectedCommand.self,
            MigrateCommand.self,
            GenerateCommand.self,
            ExceptionsCommand.self,
            ReprocessCommand.self,
            TraceCommand.self,
            AuditCommand.self,
            RolesCommand.self,
            ActorsCommand.self,
            SimulateCommand.self,
            ServeCommand.self,
        ]
    )
}

/// The entry point: ArgumentParser's `AsyncParsableCommand.main`, with the parse done here on the main thread.
///
/// ArgumentParser's `main` is a nonisolated `async` function, so calling it moves the whole process onto a worker of
/// the concurrency runtime before a word is parsed: `--help`, `--version` and every usage error paid for a thread
/// they do not use (0.2 ms of each start). Here they are answered, and the process exits, on the main thread, in
/// the async `main`'s own task, before any other thread starts (`strace -f` of `signals --help`: no `clone`); only
/// a command's `run()` goes on to the runtime's executor. A named subcommand parses its own arguments
/// (``SubcommandDispatch``).
@main
enum SignalboxMain {
    static func main() async {
        do {
            var command = try SubcommandDispatch.parse(ConsoleByDefault.route(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Signalbox.exit(withError: error)
        }
    }
}
