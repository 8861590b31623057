#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SiftColumnar

/// A reader of a columnar file (Parquet, Arrow) that yields events like the line-oriented readers:
/// records in file order, and unreadable parts as malformed items naming file, row group, rows,
/// and (in the message) column and page.
protocol ColumnarRecordReader: AnyObject {
    var format: DatasetFormat { get }
    var fileSize: Int { get }
    var bytesRead: Int { get }
    /// Rows read plus unreadable row ranges (each counts once, as a malformed item does).
    var itemsSeen: Int { get }
    var diagnostics: [ReadDiagnostic] { get }
    /// The next events; records are numbered from `firstIndex` (`RecordLocation.index`).
    func nextBatch(firstIndex: Int) throws -> [ReadEvent]?
    /// The next rows as columns where the format has them (`ReadChunk.columns`), else as events.
    func nextColumns(firstIndex: Int) throws -> ReadChunk?
}

extension ColumnarRecordReader {
    func nextColumns(firstIndex: Int) throws -> ReadChunk? {
        try nextBatch(firstIndex: firstIndex).map(ReadChunk.events)
    }
}

/// Fields added to every record of a file: hive-style `key=value` folders of a partitioned dataset.
public struct PartitionFields: Sendable {
    public var fields: [(String, JSONValue)]

    public init(_ fields: [(String, JSONValue)] = []) {
        self.fields = fields
    }
}

/// Opens `path` with a columnar reader when it is Parquet or Arrow (forced by `options.format`,
/// implied by its name, or recognised by its magic bytes); nil for every other file.
func openColumnar(path: String, options: ReadOptions, partition: PartitionFields) throws -> (any ColumnarRecordReader)? {
    guard path != "-" else { return nil }
    var format: DatasetFormat?
    if let forced = options.format {
        format = forced.isColumnar ? forced : nil
        if format == nil { return nil }
    } else if let implied = DatasetFormat.implied(byName: path) {
        format = implied.isColumnar ? implied : nil
        if format == nil { return nil }
    }
    if format == nil {
        guard let file = try? RandomAccessFile(path: path), file.size >= 8, let head = try? file.read(at: 0, count: 8) else { return nil }
        if head.starts(with: ParquetFile.magic) || head.starts(with: Array("PARE".utf8)) {
            format = .parquet
        } else if head.starts(with: Array("ARROW1".utf8)) || head.starts(with: [0xFF, 0xFF, 0xFF, 0xFF]) {
            format = .arrow
        } else {
            return nil
        }
    }
    var info = stat()
    guard stat(path, &info) == 0 else { throw SiftError("\(path): no such file", status: .noInput) }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw SiftError("\(path): is a directory", status: .noInput) }
    switch format {
    case .parquet: return try ParquetRecordReader(path: path, options: options, partition: partition)
    case .arrow: return try ArrowRecordReader(path: path, options: options, partition: partition)
    default: return nil
    }
}
