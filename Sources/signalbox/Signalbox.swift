import ArgumentParser

/// `signalbox`: the operations console for the integration layer of a services firm. With no subcommand, or with the
/// console's options only (`signalbox --store URL --wall`), it opens the console (``ConsoleByDefault``).
struct Signalbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signalbox",
        abstract: "Golden signals, exception queue and correlation trace for the integration layer's event store.",
        version: "0.1.0",
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

/// The entry point.
@main
enum SignalboxMain {
    static func main() async {
        await Signalbox.main(ConsoleByDefault.route(Array(CommandLine.arguments.dropFirst())))
    }
}
