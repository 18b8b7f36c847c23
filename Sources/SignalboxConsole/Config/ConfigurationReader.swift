import SignalboxCore

/// Reads a ``ConsoleConfiguration`` from a YAML document, starting from the defaults.
enum ConfigurationReader {
    static func configuration(from root: YAMLNode) throws(YAMLFieldError) -> ConsoleConfiguration {
        var config = ConsoleConfiguration.defaults
        for (key, value) in try root.mapping(allowedKeys: ["refreshSeconds", "recomputeSeconds", "rotateSeconds", "theme", "thresholds", "close"]) {
            switch key {
            case "close": config.close = try close(value)
            case "refreshSeconds": config.refreshSeconds = try positiveSeconds(value)
            case "recomputeSeconds": config.recomputeSeconds = try positiveSeconds(value)
            case "rotateSeconds": config.rotateSeconds = try positiveSeconds(value)
            case "theme": config.theme = try themeName(value)
            default: config.thresholds = try thresholds(value, defaults: config.thresholds)
            }
        }
        return config
    }

    private static func positiveSeconds(_ node: YAMLNode) throws(YAMLFieldError) -> Int {
        let value = try node.integer()
        guard value >= 1, value <= 86_400 else {
            throw YAMLFieldError(key: node.path, reason: "\(value) is out of range (whole seconds from 1 to 86400)")
        }
        return Int(value)
    }

    private static func themeName(_ node: YAMLNode) throws(YAMLFieldError) -> String {
        let name = try node.scalarText()
        guard ThemeCatalog.isValidName(name) else { throw YAMLFieldError(key: node.path, reason: ThemeError.invalidName(name).description) }
        return name
    }

    private static func thresholds(_ node: YAMLNode, defaults: Thresholds) throws(YAMLFieldError) -> Thresholds {
        var result = defaults
        for (key, value) in try node.mapping(allowedKeys: SignalKind.allCases.map(\.rawValue)) {
            switch SignalKind(rawValue: key) {
            case .activation?: result.activation = try activation(value, result.activation)
            case .provisioning?: result.provisioning = try provisioning(value, result.provisioning)
            case .amendments?: result.amendments = try amendments(value, result.amendments)
            case .unbilled?: result.unbilled = try unbilled(value, result.unbilled)
            case .exceptions?, nil: result.exceptions = try exceptions(value, result.exceptions)  // keys are signal names
            case .timeToInvoice?: result.timeToInvoice = try latency(value, result.timeToInvoice)
            case .resolution?: result.resolution = try latency(value, result.resolution)
            case .invoiceToCash?: result.invoiceToCash = try invoiceToCash(value, result.invoiceToCash)
            case .throughput?: result.throughput = try throughput(value, result.throughput)
            case .reconciliation?: result.reconciliation = try reconciliation(value, result.reconciliation)
            }
        }
        return result
    }

    private static func activation(_ node: YAMLNode, _ defaults: ActivationThresholds) throws(YAMLFieldError) -> ActivationThresholds {
        var limits = defaults
        for (name, limit) in try node.mapping(allowedKeys: ["p90", "pending", "oldestPending"]) {
            switch name {
            case "p90": limits.p90 = try ceiling(limit, limits.p90, LimitValues.duration)
            case "pending": limits.pending = try ceiling(limit, limits.pending, LimitValues.count)
            default: limits.oldestPending = try ceiling(limit, limits.oldestPending, LimitValues.duration)
            }
        }
        return limits
    }

    private static func provisioning(_ node: YAMLNode, _ defaults: ProvisioningThresholds) throws(YAMLFieldError) -> ProvisioningThresholds {
        var limits = defaults
        for (name, limit) in try node.mapping(allowedKeys: ["successRate", "firstPassRate"]) {
            if name == "successRate" {
                limits.successRate = try floor(limit, limits.successRate)
            } else {
                limits.firstPassRate = try floor(limit, limits.firstPassRate)
            }
        }
        return limits
    }

    private static func amendments(_ node: YAMLNode, _ defaults: AmendmentThresholds) throws(YAMLFieldError) -> AmendmentThresholds {
        var limits = defaults
        for (_, limit) in try node.mapping(allowedKeys: ["accuracy"]) {
            limits.accuracy = try floor(limit, limits.accuracy)
        }
        return limits
    }

    private static func unbilled(_ node: YAMLNode, _ defaults: UnbilledThresholds) throws(YAMLFieldError) -> UnbilledThresholds {
        var limits = defaults
        for (name, limit) in try node.mapping(allowedKeys: ["amount31to60", "amount61Plus"]) {
            if name == "amount31to60" {
                limits.amount31to60 = try ceiling(limit, limits.amount31to60, LimitValues.amount)
            } else {
                limits.amount61Plus = try ceiling(limit, limits.amount61Plus, LimitValues.amount)
            }
        }
        return limits
    }

    private static func exceptions(_ node: YAMLNode, _ defaults: ExceptionThresholds) throws(YAMLFieldError) -> ExceptionThresholds {
        var limits = defaults
        for (name, limit) in try node.mapping(allowedKeys: ["open", "oldestOpen"]) {
            if name == "open" {
                limits.open = try ceiling(limit, limits.open, LimitValues.count)
            } else {
                limits.oldestOpen = try ceiling(limit, limits.oldestOpen, LimitValues.duration)
            }
        }
        return limits
    }

    private static func latency(_ node: YAMLNode, _ defaults: LatencyThresholds) throws(YAMLFieldError) -> LatencyThresholds {
        var limits = defaults
        for (_, limit) in try node.mapping(allowedKeys: ["p90"]) {
            limits.p90 = try ceiling(limit, limits.p90, LimitValues.duration)
        }
        return limits
    }

    private static func invoiceToCash(_ node: YAMLNode, _ defaults: InvoiceToCashThresholds) throws(YAMLFieldError) -> InvoiceToCashThresholds {
        var limits = defaults
        for (name, limit) in try node.mapping(allowedKeys: ["p90", "outstanding"]) {
            if name == "p90" {
                limits.p90 = try ceiling(limit, limits.p90, LimitValues.duration)
            } else {
                limits.outstanding = try ceiling(limit, limits.outstanding, LimitValues.amount)
            }
        }
        return limits
    }

    private static func throughput(_ node: YAMLNode, _ defaults: ThroughputThresholds) throws(YAMLFieldError) -> ThroughputThresholds {
        var limits = defaults
        for (_, limit) in try node.mapping(allowedKeys: ["events"]) {
            var floor = limits.events
            for (key, value) in try limit.mapping(allowedKeys: ["warn", "breach"]) {
                if key == "warn" { floor.warn = try LimitValues.count(value) } else { floor.breach = try LimitValues.count(value) }
            }
            guard floor.warn >= floor.breach else {
                throw YAMLFieldError(key: limit.path, reason: "warn (\(floor.warn)) is worse than breach (\(floor.breach)); "
                    + "for a floor warn must not be below breach")
            }
            limits.events = floor
        }
        return limits
    }

    private static func reconciliation(_ node: YAMLNode, _ defaults: ReconciliationThresholds) throws(YAMLFieldError) -> ReconciliationThresholds {
        var limits = defaults
        let controls = ReconciliationControl.allCases
        for (name, limit) in try node.mapping(allowedKeys: controls.map(\.configurationKey)) {
            guard let control = controls.first(where: { $0.configurationKey == name }) else { continue }
            limits[control] = try ceiling(limit, limits[control], LimitValues.amount)
        }
        return limits
    }

    /// `{warn: …, breach: …}` over `defaults`; warn must not exceed breach.
    private static func ceiling<Value>(
        _ node: YAMLNode, _ defaults: CeilingLimit<Value>, _ parse: (YAMLNode) throws(YAMLFieldError) -> Value
    ) throws(YAMLFieldError) -> CeilingLimit<Value> {
        var limit = defaults
        for (key, value) in try node.mapping(allowedKeys: ["warn", "breach"]) {
            if key == "warn" { limit.warn = try parse(value) } else { limit.breach = try parse(value) }
        }
        guard limit.warn <= limit.breach else {
            throw YAMLFieldError(key: node.path, reason: "warn (\(limit.warn)) is worse than breach (\(limit.breach)); "
                + "warn must not be above breach")
        }
        return limit
    }

    /// `{warn: rate, breach: rate}` over `defaults`; warn must not be below breach.
    private static func floor(_ node: YAMLNode, _ defaults: RateFloor) throws(YAMLFieldError) -> RateFloor {
        var limit = defaults
        for (key, value) in try node.mapping(allowedKeys: ["warn", "breach"]) {
            if key == "warn" { limit.warn = try LimitValues.rate(value) } else { limit.breach = try LimitValues.rate(value) }
        }
        guard limit.warn >= limit.breach else {
            throw YAMLFieldError(key: node.path, reason: "warn (\(limit.warn)) is worse than breach (\(limit.breach)); "
                + "for a rate floor warn must not be below breach")
        }
        return limit
    }
}

/// Parsers for the values of threshold limits.
enum LimitValues {
    /// A whole number ≥ 0.
    static func count(_ node: YAMLNode) throws(YAMLFieldError) -> Int {
        let value = try node.integer()
        guard value >= 0, value <= Int64(Int32.max) else { throw YAMLFieldError(key: node.path, reason: "\(value) must be a count ≥ 0") }
        return Int(value)
    }

    /// Whole seconds (`3600`) or a duration with a unit (`90s`, `30m`, `36h`, `7d`, `2w`); not negative.
    static func duration(_ node: YAMLNode) throws(YAMLFieldError) -> SignalDuration {
        let text = try node.scalarText()
        if let seconds = Int64(text) {
            guard seconds >= 0, seconds <= 100 * 365 * 86_400 else {
                throw YAMLFieldError(key: node.path, reason: "\(seconds) must be a duration ≥ 0")
            }
            return .seconds(seconds)
        }
        do {
            return try SignalDuration(parsing: text)
        } catch {
            throw YAMLFieldError(key: node.path, reason: error.description)
        }
    }

    /// An exact decimal ≥ 0.
    static func amount(_ node: YAMLNode) throws(YAMLFieldError) -> ExactDecimal {
        let value = try decimal(node)
        guard value >= .zero else { throw YAMLFieldError(key: node.path, reason: "\(value) must be an amount ≥ 0") }
        return value
    }

    /// An exact decimal in [0, 1].
    static func rate(_ node: YAMLNode) throws(YAMLFieldError) -> ExactDecimal {
        let value = try decimal(node)
        guard value >= .zero, value <= ExactDecimal(1) else {
            throw YAMLFieldError(key: node.path, reason: "\(value) must be a rate between 0 and 1 (e.g. 0.95)")
        }
        return value
    }

    /// The literal text as an exact decimal (YAML numbers are read as written, never through Double).
    private static func decimal(_ node: YAMLNode) throws(YAMLFieldError) -> ExactDecimal {
        let text = try node.scalarText()
        do {
            return try ExactDecimal(parsing: text)
        } catch {
            throw YAMLFieldError(key: node.path, reason: error.description)
        }
    }
}
