import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// The console's update function driven as the runtime drives it, with a store that answers every effect at once:
/// signals with the sections asked for, each group's read said to cost `costs[group]`, and trends said to cost
/// `trendCost`.
struct SimulatedConsole {
    var state: ConsoleState
    var token: Int64 = 1
    var costs: [SignalReadGroup: SignalDuration] = [:]
    var trendCost = SignalDuration.zero
    var effects: [ConsoleEffect] = []

    init(settings: ConsoleSettings, now: Timestamp) {
        state = ConsoleState(settings: settings, size: Size(width: 80, height: 24), now: now, themeName: "dark")
    }

    mutating func boot() {
        let (started, effects) = ConsoleUpdate.start(state)
        state = started
        run(effects)
    }

    mutating func tick(at now: Timestamp) {
        send(.tick(now: now))
    }

    mutating func press(_ key: Key) {
        send(.key(key))
    }

    /// The sections of every `loadSignals` effect run so far, in order.
    var signalLoads: [SignalSections] {
        effects.compactMap { if case .loadSignals(let sections) = $0 { sections } else { nil } }
    }

    /// How many trend samplings were started so far.
    var trendSamplings: Int {
        effects.filter { if case .loadTrends = $0 { true } else { false } }.count
    }

    private mutating func send(_ message: ConsoleMessage) {
        let (next, effects) = ConsoleUpdate.update(state, message)
        state = next
        run(effects)
    }

    private mutating func run(_ effects: [ConsoleEffect]) {
        for effect in effects {
            self.effects.append(effect)
            switch effect {
            case .pollChangeToken: send(.tokenPolled(token))
            case .loadSignals(let sections):
                send(.signalsLoaded(emptySignals(asOf: state.now).selecting(sections), token: token, at: state.now, notYetIn: 0,
                                    costs: costs.filter { sections.isSuperset(of: $0.key.sections) }))
            case .loadTrends: send(.trendsLoaded([:], buckets: .empty, cost: trendCost))
            default: break
            }
        }
    }
}
