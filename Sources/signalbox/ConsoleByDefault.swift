/// `signalbox` alone, or followed by options only, opens the console: the arguments are given to `console`.
///
/// This is what ArgumentParser's `defaultSubcommand` does, without its cost: with a default subcommand, every parse of
/// every command builds the console's whole argument set (to learn whether it captures passthrough arguments), about
/// 0.7 ms of each process's start (`signals --help` 7.13 → 6.41 ms, median of 300).
enum ConsoleByDefault {
    /// Options the root command answers itself: help, the version, ArgumentParser's completion and help dumps.
    static let rootOptions: [Substring] = ["-h", "--help", "-help", "--version", "--generate-completion-script", "--experimental-dump-help"]

    /// `arguments` (without the program's name) as the root command should parse them: a subcommand's name, `help`
    /// or a stray word first are left to the root.
    static func route(_ arguments: [String]) -> [String] {
        let console = ConsoleCommand.configuration.commandName ?? "console"
        guard let first = arguments.first else { return [console] }
        let option = first.prefix { $0 != "=" }
        guard option.hasPrefix("-"), !rootOptions.contains(option) else { return arguments }
        return [console] + arguments
    }
}
