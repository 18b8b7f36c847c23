import SignalboxConsole
import SignalboxCore

/// `--close DATE` outside the console: the period's cutoff by the configuration's `close:` calendar (its time zone
/// and cutoff time; 24:00 UTC without one), so the command line orders exceptions as the console in close mode does.
enum CloseCutoff {
    static func of(_ periodEnd: CivilDate, environment: [String: String]) throws -> Timestamp {
        let configuration: ConsoleConfiguration
        do { configuration = try ConsoleConfiguration.load(environment: environment) } catch {
            throw CommandFailure(.config, "\(error)")
        }
        return (configuration.close ?? CloseCalendar()).period(endingOn: periodEnd).cutoff
    }
}
