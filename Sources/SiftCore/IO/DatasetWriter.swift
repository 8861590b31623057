/// Writes records to a dataset file in the format its name asks for: Parquet for `.parquet`,
/// JSON Lines for anything else. Every command that writes records goes through it, so
/// `--out kept.parquet` works everywhere.
public final class DatasetWriter {
    /// How Parquet outputs are compressed unless a writer is told otherwise. The CLI sets it once,
    /// from `--compression`, before any work starts.
    nonisolated(unsafe) public static var defaultCompression = ParquetCompression.zstd

    public let path: String
    private let jsonl: JSONLinesWriter?
    private let parquet: ParquetRecordWriter?
    public private(set) var count = 0

    /// `rowGroupBytes`: about how much record data goes in one Parquet row group (128 MB).
    public init(path: String, compression: ParquetCompression? = nil, rowGroupBytes: Int = 128 << 20) throws {
        self.path = path
        if DatasetFormat.implied(byName: path) == .parquet {
            parquet = try ParquetRecordWriter(path: path, compression: compression ?? Self.defaultCompression, rowGroupBytes: rowGroupBytes)
            jsonl = nil
        } else {
            jsonl = try JSONLinesWriter(path: path)
            parquet = nil
        }
    }

    public var format: DatasetFormat { parquet != nil ? .parquet : .jsonl }

    public func write(_ record: Record) throws {
        try write(.object(record.fields))
    }

    /// Writes one value; Parquet rows must be objects (a non-object becomes `{"value": ...}`).
    public func write(_ value: JSONValue) throws {
        count += 1
        if let jsonl { return try jsonl.write(value) }
        try parquet?.write(Self.row(value))
    }

    public func write(contentsOf values: [JSONValue], threads: Int = siftThreadCount) throws {
        count += values.count
        if let jsonl { return try jsonl.write(contentsOf: values, threads: threads) }
        for value in values { try parquet?.write(Self.row(value)) }
    }

    public func write(records: [Record], threads: Int = siftThreadCount) throws {
        count += records.count
        if let jsonl { return try jsonl.write(records: records, threads: threads) }
        for record in records { try parquet?.write(record.fields) }
    }

    /// Writes the records of JSON Lines `lines` (`ReadChunk.lines`) in order; `malformed` gets the
    /// lines that are not records. To Parquet, lines the schema holds go straight from their bytes
    /// into the columns, without building records. Returns how many records it wrote.
    public func write(lines: RawLines, malformed: (MalformedRecord) throws -> Void) throws -> Int {
        let written: Int
        if let parquet {
            written = try parquet.write(lines: lines, malformed: malformed)
        } else {
            var records: [Record] = []
            for i in 0..<lines.count {
                switch lines.event(i) {
                case .record(let record): records.append(record)
                case .malformed(let item): try malformed(item)
                }
            }
            try jsonl?.write(records: records)
            written = records.count
        }
        count += written
        return written
    }

    /// Records that went from their JSON Lines bytes straight into Parquet columns.
    var shreddedLines: Int { parquet?.shreddedLines ?? 0 }

    public func close() throws {
        try jsonl?.close()
        try parquet?.close()
    }

    private static func row(_ value: JSONValue) -> JSONObject {
        if case .object(let object) = value { return object }
        return ["value": value]
    }
}
