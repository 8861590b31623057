// swift-tools-version:6.1
import PackageDescription

// Sift: a dataset-engineering toolkit. One library module per capability over a small shared core,
// and a thin `sift` command-line tool. See docs/ARCHITECTURE.md for the module map and data flow.
let package = Package(
    name: "Sift",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sift", targets: ["sift"]),
        .library(name: "SiftCore", targets: ["SiftCore"]),
        .library(name: "SiftStats", targets: ["SiftStats"]),
        .library(name: "SiftReport", targets: ["SiftReport"]),
        .library(name: "SiftAudit", targets: ["SiftAudit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/adam-fowler/compress-nio", exact: "1.5.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
    ],
    targets: [
        .target(
            name: "SiftCore",
            dependencies: [
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        .target(name: "SiftReport", dependencies: ["SiftCore"]),
        .target(
            name: "SiftStats",
            dependencies: [
                "SiftCore", "SiftReport",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(name: "SiftAudit", dependencies: ["SiftCore", "SiftReport"]),
        .executableTarget(
            name: "sift",
            dependencies: [
                "SiftCore", "SiftReport", "SiftStats", "SiftAudit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SiftCoreTests", dependencies: ["SiftCore"]),
        .testTarget(name: "SiftStatsTests", dependencies: ["SiftStats"]),
        .testTarget(name: "SiftReportTests", dependencies: ["SiftReport"]),
        .testTarget(name: "SiftAuditTests", dependencies: ["SiftAudit", "SiftCore", "SiftReport"]),
        .testTarget(name: "SiftCLITests", dependencies: ["sift", "SiftCore"]),
    ],
    swiftLanguageModes: [.v6]
)
