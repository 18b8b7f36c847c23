import SignalboxStore

/// What the console reads and writes: its name, signals and their drill-downs (the reconciliation rows too), traces
/// and the change token, and the exception queue. It never ingests or migrates.
public typealias ConsoleStore = StoreNaming & SignalSource & SignalPublicationSource & SignalDetailsSource & ReconciliationSource & CloseExposureSource & EventLogReader
    & ExceptionQueueStore
