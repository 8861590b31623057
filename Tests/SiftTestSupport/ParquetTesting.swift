import Foundation

/// The Apache parquet-testing corpus (`shared/parquet-testing/data` beside the repository, as CI
/// lays it out; or `SIFT_PARQUET_TESTING`). Nil only when it is absent, and tests that need it
/// then say so rather than pass silently.
public enum ParquetTesting {
    public static let data: String? = {
        if let path = ProcessInfo.processInfo.environment["SIFT_PARQUET_TESTING"], FileManager.default.fileExists(atPath: path) { return path }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            dir = dir.deletingLastPathComponent()
            let candidate = dir.appendingPathComponent("shared/parquet-testing/data").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }()

    public static func file(_ name: String) -> String? { data.map { "\($0)/\(name)" } }

    public static let missing = "parquet-testing corpus not found: expected shared/parquet-testing/data beside the repository (or set SIFT_PARQUET_TESTING)"
}
