import ArgumentParser

/// `signalbox NAME …` parsed by the subcommand `NAME` itself, as the root, instead of by `signalbox`.
///
/// The root's parse pays for what most commands never use: before it descends to the subcommand it tries two whole
/// commands of ArgumentParser's own (`--generate-completion-script` with and without a shell) and builds the root's
/// argument set and command tree. Each first use of a type there is a lookup through the binary's 10,044 protocol
/// conformances: 41 such lookups in `signals --help`, the largest part of the process's start.
///
/// What the user sees is the same. Every subcommand's configuration comes from
/// ``ArgumentParser/CommandConfiguration/signalbox(_:abstract:discussion:subcommands:defaultSubcommand:)``, so its
/// help names it `signalbox NAME` and lists `--version`. Whatever the subcommand does not parse (a usage error,
/// `--version`, a completion script, no arguments at all) is parsed again by the root, which answers or reports it as
/// it always has; a stray word and `help` go to the root alone. One thing is new: a group answers `help` as the root
/// does (`signalbox exceptions help resolve`, which the root's parse refused as unexpected arguments).
enum SubcommandDispatch {
    /// The command `arguments` (as routed by ``ConsoleByDefault``) name, parsed by their subcommand where it can,
    /// else by the root; the root's parse error when neither can.
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        if let subcommand = subcommand(for: arguments), let command = try? subcommand.parseAsRoot(Array(arguments.dropFirst())) {
            return command
        }
        return try Signalbox.parseAsRoot(arguments)
    }

    /// The subcommand `arguments` name first, or `nil` when they are the root's alone.
    private static func subcommand(for arguments: [String]) -> (any ParsableCommand.Type)? {
        guard let name = arguments.first else { return nil }
        return Signalbox.configuration.subcommands.first { $0.configuration.commandName == name }
    }
}

extension CommandConfiguration {
    /// The configuration of one of `signalbox`'s subcommands, fit to be parsed as the root (``SubcommandDispatch``):
    /// its usage and help name it under `signalbox` and list `--version`, as the root's help for it does. (Its usage
    /// errors are still the root's to report: ArgumentParser's "See '… --help'" line ignores `_superCommandName`.)
    static func signalbox(
        _ commandName: String,
        abstract: String,
        discussion: String = "",
        subcommands: [any ParsableCommand.Type] = [],
        defaultSubcommand: (any ParsableCommand.Type)? = nil
    ) -> CommandConfiguration {
        CommandConfiguration(
            commandName: commandName,
            _superCommandName: Signalbox.commandName,
            abstract: abstract,
            discussion: discussion,
            version: Signalbox.version,
            subcommands: subcommands,
            defaultSubcommand: defaultSubcommand
        )
    }
}
