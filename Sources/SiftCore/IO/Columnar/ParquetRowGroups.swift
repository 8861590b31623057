import SiftColumnar

/// The row groups of a Parquet file as its footer lists them: what a sharded run cuts a large
/// Parquet file by (a shard is a range of row groups, `ReadOptions.rowGroups`).
public enum ParquetRowGroups {
    /// Each row group's size on disk (compressed bytes, else uncompressed when the writer left
    /// it out), in file order; nil when the file is not readable Parquet, which is then read
    /// whole so that its error is reported as an unsharded read reports it.
    public static func sizes(path: String) -> [Int]? {
        guard let file = try? ParquetFile(path: path) else { return nil }
        defer { file.suspend() }
        return file.metadata.rowGroups.map { Int($0.totalCompressedSize ?? $0.totalByteSize) }
    }
}
