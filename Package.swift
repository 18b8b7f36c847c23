// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Signalbox",
    // Linux only: the terminal, signal and file code imports Glibc, and libsqlite3 and ncursesw come from the system.
    products: [
        .executable(name: "signalbox", targets: ["signalbox"]),
        /// The store and generator as a library, for Benchmarks/ (a separate package, so CI does not build it).
        .library(name: "SignalboxKit", targets: ["SignalboxCore", "SignalboxStore", "SignalboxSQLite", "SignalboxSimulation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // `signalbox serve` only (the SignalboxServe target): HTTP server, graceful shutdown, TLS, exposition.
        // Hummingbird without its default traits: no swift-configuration, Foundation-free form coding.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),   // glibc's malloc.h, for the console's heap
        .target(name: "SignalboxCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        /// The store interface every backend shares; no C library.
        .target(name: "SignalboxStore", dependencies: ["SignalboxCore"]),
        /// The embedded SQLite store: the only target that links libsqlite3.
        .target(name: "SignalboxSQLite", dependencies: ["SignalboxCore", "SignalboxStore", "CSQLite"]),
        .target(
            name: "SignalboxPostgres",
            dependencies: [
                "SignalboxCore", "SignalboxStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "SignalboxTerminal", dependencies: ["CNcursesw"]),
        .target(
            name: "SignalboxConsole",
            dependencies: [
                "SignalboxCore", "SignalboxStore", "SignalboxTerminal", "CMalloc",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "SignalboxSimulation", dependencies: ["SignalboxCore", "SignalboxStore"]),
        /// `signalbox serve`: HTTP ingest, Prometheus metrics and health over any store. The console does not link it.
        .target(
            name: "SignalboxServe",
            dependencies: [
                "SignalboxCore", "SignalboxStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "signalbox",
            dependencies: [
                "SignalboxCore", "SignalboxStore", "SignalboxSQLite", "SignalboxPostgres", "SignalboxConsole",
                "SignalboxSimulation", "SignalboxTerminal", "SignalboxServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["exported-symbols.map", "static-libstdc++"],
            linkerSettings: [
                .unsafeFlags(["-Xlinker", "--version-script=\(Context.packageDirectory)/Sources/signalbox/exported-symbols.map"]),
                // Release builds on Linux: the C++ runtime linked statically (see static-libstdc++), and lld packing
                // the 134,000 relative relocations into a 26 KB DT_RELR table instead of 3.2 MB of RELA, which the
                // loader reads at every start (0.28 ms of `signals --help`'s 5.6; glibc 2.36, which the binary
                // already needs).
                .unsafeFlags(
                    ["-L", "\(Context.packageDirectory)/Sources/signalbox/static-libstdc++",
                     "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
                    .when(platforms: [.linux], configuration: .release)
                ),
            ]
        ),
        .testTarget(name: "SignalboxCoreTests", dependencies: ["SignalboxCore"]),
        .testTarget(
            name: "SignalboxStoreTests",
            dependencies: [
                "SignalboxCore", "SignalboxStore", "SignalboxSQLite", "SignalboxPostgres", "SignalboxSimulation",
                "PostgresTestSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(name: "SignalboxTerminalTests", dependencies: ["SignalboxTerminal"]),
        .testTarget(name: "SignalboxServeTests", dependencies: ["SignalboxServe", "SignalboxCore", "SignalboxStore", "SignalboxSQLite"]),
        .testTarget(name: "SignalboxConsoleTests",
                    dependencies: ["SignalboxConsole", "SignalboxTerminal", "SignalboxCore", "SignalboxStore", "SignalboxSQLite"],
                    exclude: ["Snapshots"]),  // read from the source tree by SnapshotAssertion, not bundled
        .testTarget(name: "SignalboxEndToEndTests",
                    dependencies: ["SignalboxCore", "SignalboxStore", "SignalboxSQLite", "PostgresTestSupport"]),
        .testTarget(
            name: "SignalboxSimulationTests",
            dependencies: ["SignalboxSimulation", "SignalboxCore", "SignalboxStore", "SignalboxSQLite"]
        ),
        .target(name: "PostgresTestSupport", path: "Tests/PostgresTestSupport"),
        .testTarget(
            name: "SignalboxPostgresTests",
            dependencies: [
                "SignalboxPostgres", "PostgresTestSupport", "SignalboxCore", "SignalboxStore", "SignalboxSQLite", "SignalboxConsole",
                "SignalboxSimulation", .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ]
)
