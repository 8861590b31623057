/// How datasets are read. The defaults suit every command; the CLI exposes the limits.
public struct ReadOptions: Sendable {
    /// Force a format instead of detecting it from the name and first bytes.
    public var format: DatasetFormat?
    /// A record (line, row or array element) larger than this is reported as malformed and skipped
    /// without being held in memory. 256 MiB by default: single 50 MB lines are fine.
    public var maxRecordBytes: Int
    /// JSON nesting deeper than this is malformed (protects the stack of worker threads).
    public var maxDepth: Int
    /// Bytes read per chunk; each chunk's records are decoded in parallel.
    public var chunkBytes: Int
    /// Worker threads for decoding.
    public var threads: Int
    /// Whether a record read from a JSON Lines line keeps the line (`Record.sourceLine`), so that a
    /// command passing records through unchanged (`sift filter`) writes them byte for byte.
    public var keepsSourceLines = false
    /// The top-level fields a command needs, when it needs only some: columnar formats (Parquet,
    /// Arrow) then decode only those columns. Nil reads every field; line formats always do.
    public var fields: Set<String>?
    /// The split of a Hugging Face `datasets` folder saved as a `DatasetDict` (`train`, `test`...);
    /// nil reads every split, in the order `dataset_dict.json` lists them.
    public var split: String?
    /// Read only these bytes of an uncompressed JSON Lines file, numbering its lines from
    /// `firstLine`: one shard of a large file in a sharded run (`sift run --tasks`). The range
    /// starts and ends on line boundaries (`FileByteRange` is made by the planner that found them).
    public var byteRange: FileByteRange?
    /// Read only these row groups of a Parquet file (rows keep their numbers in the whole file):
    /// one shard of a large Parquet file in a sharded run (`sift run --tasks`).
    public var rowGroups: RowGroupRange?

    public init(format: DatasetFormat? = nil, maxRecordBytes: Int = 256 << 20, maxDepth: Int = JSONParser.defaultMaxDepth,
                chunkBytes: Int = 4 << 20, threads: Int = siftThreadCount) {
        self.format = format
        self.maxRecordBytes = maxRecordBytes
        self.maxDepth = maxDepth
        self.chunkBytes = chunkBytes
        self.threads = threads
    }
}

/// What reading yields, in file order: a record, or a malformed item with its reason.
public enum ReadEvent: Sendable {
    case record(Record)
    case malformed(MalformedRecord)
}

/// A slice of a file that starts at a line boundary: `start..<end` in bytes, whose first line is
/// line `firstLine` of the whole file.
public struct FileByteRange: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var firstLine: Int

    public init(start: Int, end: Int, firstLine: Int) {
        self.start = start
        self.end = end
        self.firstLine = firstLine
    }
}

/// Row groups `first..<end` of a Parquet file.
public struct RowGroupRange: Sendable, Hashable, Codable {
    public var first: Int
    public var end: Int

    public init(first: Int, end: Int) {
        self.first = first
        self.end = end
    }
}
