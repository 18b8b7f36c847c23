import ArgumentParser
import SignalboxStore
import SignalboxTerminal

/// `signalbox actors`: who this invocation acts as, and (SQLite) whether the store lets writers name an actor.
struct ActorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "actors",
        abstract: "Show who you act as on a store; on SQLite, allow or stop named actors ($SIGNALBOX_USER).",
        discussion: """
            Actions are recorded under the name the store authenticates: on SQLite the OS account running \
            signalbox, on PostgreSQL the database login (mapped to a display name by the owner's actor_names table). \
            --allow-named lets anyone who can write a SQLite store record actions under any name via \
            $SIGNALBOX_USER (demos, tests with several people on one machine); --strict stops it. A SQLite file \
            trusts whoever can write it, this setting included.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "SQLite: let writers record actions under any name ($SIGNALBOX_USER).") var allowNamed = false
    @Flag(help: "SQLite: actions only under the OS account (the default).") var strict = false

    func validate() throws {
        if allowNamed && strict { throw ValidationError("give --allow-named or --strict, not both") }
    }

    func run() async throws {
        try await Self.reportingFailures {
            let changing = allowNamed || strict
            let store = try await storeOptions.open(readOnly: !changing, application: "signalbox actors")
            do {
                if changing { try await store.setNamedActorsAllowed(allowNamed) }
                let identity = try await store.identity()
                await store.close()
                print(Self.describe(identity))
            } catch {
                await store.close()
                throw error
            }
        }
    }

    static func describe(_ identity: StoreIdentity) -> String {
        let named = identity.mayNameOthers
            ? "named actors allowed: $\(ActingUser.variable) may name anyone"
            : "named actors refused: $\(ActingUser.variable) must be unset or \(identity.actor)"
        return TerminalSafeText.sanitize("you act as \(identity.actor) (\(identity.authenticatedAs)); \(named)")
    }
}
