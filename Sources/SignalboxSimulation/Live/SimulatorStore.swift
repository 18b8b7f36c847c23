import SignalboxStore

/// What the simulator needs of a store: it writes the integration layer's events, watches for changes and
/// traces, and reads the exception queue and the console's decisions.
public typealias SimulatorStore = EventIngesting & EventLogReader & ExceptionQueueStore
