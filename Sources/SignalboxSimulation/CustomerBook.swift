import SignalboxCore

/// The customers contracts are signed with, derived on demand from the seed (nothing is stored per customer).
///
/// About one customer in eight is *ambiguous*: the middleware finds several ERP accounts that could be
/// it, so every contract for that customer raises an `ambiguous_customer_mapping` exception with the same
/// subject and candidates.
struct CustomerBook {
    let seed: UInt64
    let count: Int

    init(seed: UInt64, count: Int) {
        self.seed = seed
        self.count = count
    }

    /// The book size for a run of `contracts` contracts: a third of them, at least eight.
    static func count(forContracts contracts: Int) -> Int { max(8, contracts / 3) }

    /// A customer index, skewed so that a few customers hold many contracts.
    func pickIndex(using random: inout SimulationRandom) -> Int {
        min(random.int(in: 0...(count - 1)), random.int(in: 0...(count - 1)))
    }

    func record(_ index: Int) -> SystemRecord {
        SystemRecord(system: "CRM", key: "CRM-" + zeroPadded(10_000 + index, 6), name: name(index))
    }

    func isAmbiguous(_ index: Int) -> Bool {
        var random = SimulationRandom(seed: seed, stream: 0xC057_0000 + UInt64(index))
        return random.chance(perMille: 125)
    }

    /// The ERP accounts the middleware considers for an ambiguous customer, best score first.
    func candidates(_ index: Int) -> [MappingCandidate] {
        var random = SimulationRandom(seed: seed, stream: 0xCA4D_0000 + UInt64(index))
        let base = name(index)
        let stem = Catalog.customerStems[index % Catalog.customerStems.count]
        let key = "ERP-C" + zeroPadded(20_000 + index, 6)
        var candidates = [
            (SystemRecord(system: "ERP", key: key + "-A", name: base + " " + random.pick(Catalog.legalSuffixes)), Int64(random.int(in: 86...97))),
            (SystemRecord(system: "ERP", key: key + "-B", name: stem + " " + random.pick(Catalog.customerSuffixes) + " " + random.pick(Catalog.legalSuffixes)),
             Int64(random.int(in: 71...85))),
        ]
        if random.chance(perMille: 500) {
            candidates.append((SystemRecord(system: "ERP", key: key + "-C", name: stem + " Holdings"), Int64(random.int(in: 40...70))))
        }
        return candidates.map { MappingCandidate(record: $0.0, score: ExactDecimal(units: $0.1 * 100)) }
    }

    private func name(_ index: Int) -> String {
        let stems = Catalog.customerStems, suffixes = Catalog.customerSuffixes
        let base = stems[index % stems.count] + " " + suffixes[(index / stems.count) % suffixes.count]
        let round = index / (stems.count * suffixes.count)
        return round == 0 ? base : base + " " + String(round + 1)
    }
}
