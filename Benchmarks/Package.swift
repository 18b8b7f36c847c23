// swift-tools-version: 6.1
import PackageDescription

/// Benchmarks for Signalbox, kept out of the main package so CI and users do not build them.
/// Run with `Benchmarks/run.sh` (it prepares a 1M-event store first).
let package = Package(
    name: "SignalboxBenchmarks",
    dependencies: [
        // Named, because a path dependency is otherwise known by its folder name (a worktree may be named anything).
        .package(name: "Signalbox", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SignalboxBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SignalboxKit", package: "Signalbox"),
            ],
            path: "SignalboxBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
