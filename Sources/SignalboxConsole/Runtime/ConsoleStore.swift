import SignalboxStore

/// What the console reads and writes: signals and their drill-downs, traces and the change token, and the
/// exception queue. It never ingests or migrates.
public typealias ConsoleStore = SignalSource & SignalDetailsSource & CloseExposureSource & EventLogReader & ExceptionQueueStore
