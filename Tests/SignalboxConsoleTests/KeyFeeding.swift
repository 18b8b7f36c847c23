import SignalboxConsole
import SignalboxTerminal

extension ConsoleState {
    /// Feeds `keys` through `ConsoleUpdate.update` one by one; returns every effect asked for.
    @discardableResult
    mutating func feed(_ keys: [Key]) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        for key in keys {
            let result = ConsoleUpdate.update(self, .key(key))
            self = result.0
            effects += result.1
        }
        return effects
    }
}
