import ArgumentParser

/// `signalbox`: the operations console for the integration layer of a services firm.
@main
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
        ],
        defaultSubcommand: ConsoleCommand.self
    )
}
