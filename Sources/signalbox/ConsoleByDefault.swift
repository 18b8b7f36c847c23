/// `signalbox` alone, or followed by options only, opens the console: the arguments are given to `console`.
///
/// This is what ArgumentParser's `defaultSubcommand` does, without its cost: with a default subcommand, every parse of
/// every command builds the console's whole argument set (to learn whether it captures passthrough arguments), about
/// 0.7 ms of each process's start (`signals --help` 7.55 → 6.82 ms, median of 200).
enum ConsoleByDefault {
    /// What the root command answers itself: help, the version, ArgumentParser's completion and help dumps.
    static let rootArguments: Set<String> = [
        "-h", "--help", "-help", "help", "--version", "--generate-completion-script", "--experimental-dump-help",
    ]

    /// `arguments` (without the program's name) as the root command should parse them.
    static func route(_ arguments: [String]) -> [String] {
        let console = ConsoleCommand.configuration.commandName ?? "console"
        guard let first = arguments.first else { return [console] }
        let name = String(first.prefix { $0 != "=" })
        let subcommands = Signalbox.configuration.subcommands.compactMap { $0.configuration.commandName }
        guard name.hasPrefix("-"), !rootArguments.contains(name), !subcommands.contains(name) else { return arguments }
        return [console] + arguments
    }
}
