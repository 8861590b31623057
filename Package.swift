// swift-tools-version:6.1
import PackageDescription

// Sift: a dataset-engineering toolkit. One library module per capability over a small shared core,
// and a thin `sift` command-line tool. See docs/ARCHITECTURE.md for the module map and data flow.
let package = Package(
    name: "Sift",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sift", targets: ["sift"]),
        .library(name: "SiftColumnar", targets: ["SiftColumnar"]),
        .library(name: "SiftCore", targets: ["SiftCore"]),
        .library(name: "SiftReport", targets: ["SiftReport"]),
        .library(name: "SiftStats", targets: ["SiftStats"]),
        .library(name: "SiftAudit", targets: ["SiftAudit"]),
        .library(name: "SiftDedup", targets: ["SiftDedup"]),
        .library(name: "SiftClean", targets: ["SiftClean"]),
        .library(name: "SiftLabel", targets: ["SiftLabel"]),
        .library(name: "SiftSplit", targets: ["SiftSplit"]),
        .library(name: "SiftSynth", targets: ["SiftSynth"]),
        .library(name: "SiftRecipes", targets: ["SiftRecipes"]),
        .library(name: "SiftStudio", targets: ["SiftStudio"]),
        .library(name: "SiftLearn", targets: ["SiftLearn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/adam-fowler/compress-nio", exact: "1.5.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // No traits: the studio needs neither swift-configuration nor full Foundation, and
        // skipping them keeps the clean build shorter.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
    ],
    targets: [
        // Parquet and Arrow IPC at the physical level (Thrift, FlatBuffers, encodings, codecs), below
        // SiftCore so that DatasetReader can read them. zstd and brotli are loaded at run time
        // (dlopen), so building Sift needs no -dev package beyond what Swift itself needs.
        .target(
            name: "SiftColumnar",
            dependencies: [.product(name: "CompressNIO", package: "compress-nio")]
        ),
        // The fast byte-level text machinery (byte blocks, phrase matchers, word lists, hash tables,
        // span hashes, word scanners, canonical buffers) with `package` access: below SiftCore so
        // that its rules use it, depending on nothing.
        .target(name: "SiftText"),
        .target(
            name: "SiftCore",
            dependencies: [
                "SiftColumnar", "SiftText",
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        .target(name: "SiftReport"),
        .target(
            name: "SiftStats",
            dependencies: [
                "SiftCore", "SiftReport",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "SiftDedup",
            dependencies: [
                "SiftCore", "SiftReport",
                .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "SiftClean",
            dependencies: ["SiftCore", "SiftText", "SiftReport", .product(name: "Collections", package: "swift-collections")]
        ),
        .target(name: "SiftLabel", dependencies: ["SiftCore", "SiftReport"]),
        // The audit's near_duplicate and pii checks reuse SiftDedup's and SiftClean's detectors, so an
        // audit and a clean-up agree on what they count: sideways dependencies on purpose.
        // The optional label_noise check is confident learning on SiftLearn's learner, the code of
        // `sift label-errors`, so both give the same estimate: a sideways dependency on purpose.
        .target(name: "SiftAudit", dependencies: ["SiftCore", "SiftText", "SiftReport", "SiftDedup", "SiftClean", "SiftLearn"]),
        // Splits group near-duplicates with SiftDedup's detector so no near-copy of a test item
        // lands in train: a sideways dependency on purpose.
        .target(name: "SiftSplit", dependencies: ["SiftCore", "SiftDedup"]),
        // Synth QA's near-duplicate search files its MinHash band keys in SiftDedup's LSH buckets, so
        // the LSH index exists once: a sideways dependency on purpose.
        .target(
            name: "SiftSynth",
            dependencies: [
                "SiftCore", "SiftDedup",
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The `drop-label-errors` step is confident learning by SiftLearn's code (that of `sift label-errors`).
        .target(
            name: "SiftRecipes",
            dependencies: [
                "SiftCore", "SiftClean", "SiftDedup", "SiftSplit", "SiftLearn",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        // The studio measures agreement with SiftLabel's code (the very code of `sift agree`) and
        // reads and writes SiftSynth's review files: sideways dependencies on purpose.
        .target(
            name: "SiftStudio",
            dependencies: [
                "SiftCore", "SiftReport", "SiftLabel", "SiftSynth",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The built-in learner, learning curves and confident learning. The curve's leakage check
        // groups held-out records with SiftDedup's detector: a sideways dependency on purpose.
        // Training loops are optimised in debug builds too: `swift test` and the debug CLI tests
        // train hundreds of models, and the SGD loop's SIMD arithmetic is ~100x slower unoptimised.
        .target(name: "SiftLearn", dependencies: ["SiftCore", "SiftReport", "SiftDedup"],
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .executableTarget(
            name: "sift",
            dependencies: [
                "SiftCore", "SiftReport", "SiftStats", "SiftAudit", "SiftDedup", "SiftClean", "SiftLabel", "SiftSplit", "SiftSynth", "SiftRecipes", "SiftStudio", "SiftLearn",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The loopback OpenAI-compatible server the synth tests talk to (the one network double,
        // at the edge Sift does not own).
        .target(
            name: "SynthTestSupport",
            dependencies: [
                "SiftCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/SynthTestSupport"
        ),
        // Test helpers every test target shares (temporary directories).
        .target(name: "SiftTestSupport", dependencies: ["SiftCore"], path: "Tests/SiftTestSupport"),
        .testTarget(name: "SiftColumnarTests", dependencies: ["SiftColumnar", "SiftTestSupport"]),
        .testTarget(name: "SiftTextTests", dependencies: ["SiftText", "SiftCore", "SiftTestSupport"]),
        .testTarget(name: "SiftCoreTests", dependencies: ["SiftCore", "SiftTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SiftReportTests", dependencies: ["SiftReport"]),
        .testTarget(name: "SiftStatsTests", dependencies: ["SiftStats", "SiftTestSupport"]),
        .testTarget(name: "SiftAuditTests", dependencies: ["SiftAudit", "SiftCore", "SiftText", "SiftReport"]),
        .testTarget(name: "SiftDedupTests", dependencies: ["SiftDedup", "SiftCore", "SiftTestSupport"]),
        .testTarget(name: "SiftCleanTests", dependencies: ["SiftClean", "SiftCore"], exclude: ["Fixtures"]),
        .testTarget(name: "SiftLabelTests", dependencies: ["SiftLabel", "SiftCore"]),
        .testTarget(name: "SiftSplitTests", dependencies: ["SiftSplit"]),
        .testTarget(name: "SiftSynthTests", dependencies: ["SiftSynth", "SiftCore", "SynthTestSupport", "SiftTestSupport"]),
        .testTarget(name: "SiftRecipesTests", dependencies: ["SiftRecipes", "SiftTestSupport"]),
        .testTarget(
            name: "SiftStudioTests",
            dependencies: [
                "SiftStudio", "SiftCore", "SiftLabel", "SiftLearn", "SiftTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "SiftLearnTests", dependencies: ["SiftLearn", "SiftCore", "SiftDedup", "SiftTestSupport"]),
        .testTarget(name: "SiftCLITests", dependencies: ["sift", "SiftCore", "SynthTestSupport", "SiftTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
