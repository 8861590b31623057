/// Several dataset files read as one stream, in the order given, with the dataset's kind detected
/// from the first records (which are kept and replayed, so standard input works too).
public final class DatasetStream {
    public let paths: [String]
    public let options: ReadOptions
    private var readers: [DatasetReader] = []
    private var current = 0
    private var nextIndex = 0
    private var lookahead: [[ReadEvent]] = []
    /// Called with (bytes read, total bytes) after each chunk, for progress bars.
    public var onProgress: ((Int, Int?) -> Void)?

    /// Opens and sniffs every file up front, so that a missing file or a directory fails before any
    /// work; each file then holds a descriptor only while it is read (see `FileByteSource`).
    public init(paths: [String], options: ReadOptions = ReadOptions()) throws {
        guard !paths.isEmpty else { throw SiftError("no input files given", status: .usage) }
        self.paths = paths
        self.options = options
        readers = try paths.flatMap { path -> [DatasetReader] in
            // A folder is one dataset: its part files (or a datasets folder's Arrow files) in order.
            if let parts = try DatasetFolder.parts(of: path, split: options.split) {
                return try parts.map { try DatasetReader(path: $0.path, options: options, partition: $0.partition) }
            }
            return [try DatasetReader(path: path, options: options)]
        }
    }

    /// Total size on disk of all inputs, when every input is a regular file.
    public var totalBytes: Int? {
        var total = 0
        for reader in readers {
            guard let size = reader.fileSize else { return nil }
            total += size
        }
        return total
    }

    public var bytesRead: Int { readers.reduce(0) { $0 + $1.bytesRead } }
    public var formats: [DatasetFormat] { readers.map(\.format) }
    public var diagnostics: [ReadDiagnostic] { readers.flatMap(\.diagnostics) }
    /// Lines, rows or elements seen so far across files (blank lines excluded).
    public var itemsSeen: Int { readers.reduce(0) { $0 + $1.itemsSeen } }
    public var blankLines: Int { readers.reduce(0) { $0 + $1.blankLines } }

    /// Reads ahead until `sample` records (or the end) and returns the majority kind. The events
    /// read stay queued and are returned by `nextBatch()` first.
    public func detectKind(sample: Int = 1000) throws -> DatasetKind {
        var fields: [JSONObject] = lookahead.joined().compactMap { if case .record(let r) = $0 { return r.fields } else { return nil } }
        while fields.count < sample, let batch = try readBatch() {
            lookahead.append(batch)
            for case .record(let record) in batch { fields.append(record.fields) }
        }
        return DatasetKind.detect(fields.prefix(sample))
    }

    /// The next chunk of events, or nil when every file is read.
    public func nextBatch() throws -> [ReadEvent]? {
        if !lookahead.isEmpty { return lookahead.removeFirst() }
        return try readBatch()
    }

    /// `nextBatch()` for a consumer that reads JSON Lines from their bytes and Parquet from its
    /// columns: the queued events first, then each JSON Lines file as `RawLines`, each Parquet
    /// file as `ColumnarRows` and every other file as events. Records decoded from raw lines are
    /// not numbered (`location.index` 0), and records of later event chunks are numbered without
    /// them: for consumers that do not use `location.index`.
    public func nextChunk() throws -> ReadChunk? {
        if !lookahead.isEmpty { return .events(lookahead.removeFirst()) }
        while current < readers.count {
            if let chunk = try readers[current].nextChunk(firstIndex: nextIndex) {
                switch chunk {
                case .events(let batch):
                    nextIndex += batch.reduce(0) { if case .record = $1 { return $0 + 1 } else { return $0 } }
                    if batch.isEmpty { continue }
                case .columns(let rows):
                    nextIndex += rows.rowCount
                case .lines:
                    break
                }
                onProgress?(bytesRead, totalBytes)
                return chunk
            }
            current += 1
        }
        return nil
    }

    private func readBatch() throws -> [ReadEvent]? {
        while current < readers.count {
            if let batch = try readers[current].nextBatch(firstIndex: nextIndex) {
                nextIndex += batch.reduce(0) { if case .record = $1 { return $0 + 1 } else { return $0 } }
                onProgress?(bytesRead, totalBytes)
                if batch.isEmpty { continue }
                return batch
            }
            current += 1
        }
        return nil
    }

    /// Visits every event in order.
    public func forEach(_ body: (ReadEvent) throws -> Void) throws {
        while let batch = try nextBatch() {
            for event in batch { try body(event) }
        }
    }
}
