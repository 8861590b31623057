#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one dataset file as a stream of records, a chunk at a time: the file is cut into raw
/// records sequentially and each chunk's records are decoded on all cores, in order.
///
/// Nothing is skipped silently: every line, row or element comes out as a `.record` or a
/// `.malformed` event, so `records + malformed == itemsSeen` always holds.
public final class DatasetReader {
    public let path: String
    public let format: DatasetFormat
    public let isCompressed: Bool
    /// The file's size on disk, when it is a regular file (not standard input).
    public let fileSize: Int?
    private var splitter: (any RecordSplitter)?
    private let byteCounter: (any ByteSource)?
    private let options: ReadOptions
    /// Parquet and Arrow files are read by their own readers, not cut into lines.
    private let columnar: (any ColumnarRecordReader)?

    public convenience init(path: String, options: ReadOptions = ReadOptions()) throws {
        try self.init(path: path, options: options, partition: PartitionFields())
    }

    /// `partition` adds fields to every record (a partitioned dataset's `key=value` folders).
    public init(path: String, options: ReadOptions, partition: PartitionFields) throws {
        self.path = path
        self.options = options
        if let reader = try openColumnar(path: path, options: options, partition: partition) {
            if options.rowGroups != nil, reader.format != .parquet {
                throw SiftError("\(path): only Parquet files are read by row group (this is \(reader.format.rawValue))", status: .usage)
            }
            columnar = reader
            format = reader.format
            isCompressed = false
            fileSize = reader.fileSize
            splitter = nil
            byteCounter = nil
            return
        }
        columnar = nil
        if options.rowGroups != nil {
            throw SiftError("\(path): only Parquet files are read by row group", status: .usage)
        }
        let file = try FileByteSource(path: path, range: options.byteRange)
        var info = stat()
        fileSize = path != "-" && stat(path, &info) == 0 ? Int(info.st_size) : nil

        var head: [UInt8] = []
        _ = try file.read(into: &head, maxCount: 2)
        let gzipMagic = head.count == 2 && head[0] == 0x1F && head[1] == 0x8B
        let source: any ByteSource
        let disk: FileByteSource
        if gzipMagic {
            // Re-read the two magic bytes through the inflater: start a fresh descriptor.
            file.suspend()
            guard options.byteRange == nil else {
                throw SiftError("\(path): a byte range of a gzip file cannot be read; shard it by file", status: .usage)
            }
            disk = try FileByteSource(path: path)
            source = try GzipByteSource(file: disk, path: path)
            head = []
        } else {
            disk = file
            source = file
        }
        isCompressed = gzipMagic
        byteCounter = source
        _ = try source.read(into: &head, maxCount: min(options.chunkBytes, 1 << 16))
        let detected: DatasetFormat
        if let forced = options.format {
            detected = forced
        } else if let implied = DatasetFormat.implied(byName: path) {
            detected = implied == .json ? head.withUnsafeBufferPointer { DatasetFormat.sniffJSON($0) } : implied
        } else {
            detected = head.withUnsafeBufferPointer { DatasetFormat.sniff($0) }
        }
        format = detected
        if options.byteRange != nil, detected != .jsonl {
            throw SiftError("\(path): only JSON Lines files are read by byte range (this is \(detected.rawValue))", status: .usage)
        }
        switch detected {
        case .jsonl:
            splitter = JSONLinesSplitter(source: source, file: path, prefix: head, chunkSize: options.chunkBytes, maxRecordBytes: options.maxRecordBytes,
                                         range: options.byteRange)
        case .json:
            splitter = JSONDocumentSplitter(source: source, file: path, prefix: head, chunkSize: options.chunkBytes, maxRecordBytes: options.maxRecordBytes)
        case .csv, .tsv:
            splitter = DelimitedSplitter(source: source, file: path, prefix: head, delimiter: detected == .csv ? UInt8(ascii: ",") : 0x09,
                                         chunkSize: options.chunkBytes, maxRecordBytes: options.maxRecordBytes)
        case .parquet, .arrow:
            throw SiftError("\(path): \(detected.rawValue) cannot be read from \(path == "-" ? "standard input" : "a gzip stream"); pass the file itself", status: .usage)
        }
        if head.isEmpty && detected != .csv && detected != .tsv {
            emptyFile = true
        }
        // Readers of a stream are opened together; each holds a descriptor only while it reads.
        disk.suspend()
    }

    private var emptyFile = false

    /// Notes about the file that are not malformed records (empty file, byte-order mark, ...).
    public var diagnostics: [ReadDiagnostic] {
        if let columnar { return columnar.diagnostics }
        guard let splitter else { return [] }
        var all = splitter.diagnostics
        if emptyFile, !all.contains(where: { $0.message.hasPrefix("file is empty") }) {
            all.insert(ReadDiagnostic(file: path, message: "file is empty"), at: 0)
        }
        return all
    }

    /// Lines (JSON Lines), rows (CSV/TSV) or array elements seen so far, blank lines excluded.
    /// For Parquet and Arrow: rows read plus unreadable row ranges.
    public var itemsSeen: Int { columnar?.itemsSeen ?? splitter?.itemsSeen ?? 0 }
    public var blankLines: Int { splitter?.blankLines ?? 0 }
    /// Bytes read from disk so far (compressed bytes for a gzip file), for progress bars.
    public var bytesRead: Int { columnar?.bytesRead ?? byteCounter?.bytesConsumed ?? 0 }

    /// The next chunk of events in file order, or nil at the end. `firstIndex` numbers the records.
    public func nextBatch(firstIndex: Int) throws -> [ReadEvent]? {
        if let columnar { return try columnar.nextBatch(firstIndex: firstIndex) }
        guard let batch = try splitter?.nextBatch() else { return nil }
        let path = self.path
        let fileID = RecordLocation.fileID(of: path)
        let maxDepth = options.maxDepth
        // A JSON Lines line is one line; an element of a JSON array may span several.
        let keepsSourceLines = options.keepsSourceLines && format == .jsonl
        // Records of a slice share their objects' key lists (`JSONParser.KeyLists`).
        var events = parallelMap(count: batch.items.count, threads: options.threads, minimumPerSlice: 256,
                                 state: { JSONParser.KeyLists() }) { keyLists, i in
            Self.decode(batch.items[i], bytes: batch.bytes, file: path, fileID: fileID, maxDepth: maxDepth,
                        keepsSourceLine: keepsSourceLines, keyLists: &keyLists)
        }
        var index = firstIndex
        for i in events.indices {
            if case .record(var record) = events[i] {
                record.location.index = index
                index += 1
                events[i] = .record(record)
            }
        }
        return events
    }

    /// The next chunk in file order, or nil at the end: JSON Lines as raw lines (see `RawLines`),
    /// Parquet as columns (`ColumnarRows`), every other format as decoded events (`nextBatch`).
    public func nextChunk(firstIndex: Int) throws -> ReadChunk? {
        if let columnar { return try columnar.nextColumns(firstIndex: firstIndex) }
        guard format == .jsonl else { return try nextBatch(firstIndex: firstIndex).map(ReadChunk.events) }
        guard let batch = try splitter?.nextBatch() else { return nil }
        return .lines(RawLines(batch: batch, file: path, fileID: RecordLocation.fileID(of: path), maxDepth: options.maxDepth))
    }

    static func decode(_ item: RawItem, bytes: [UInt8], file: String, fileID: Int32, maxDepth: Int, keepsSourceLine: Bool,
                       keyLists: inout JSONParser.KeyLists) -> ReadEvent {
        switch item {
        case .malformed(let malformed):
            return .malformed(malformed)
        case .row(let fields, let line):
            var object = JSONObject(minimumCapacity: fields.count)
            for (name, value) in fields { object[name] = .string(value) }
            return .record(Record(fields: object, location: RecordLocation(fileID: fileID, line: line, index: 0)))
        case .json(let range, let line, let unterminated):
            return bytes.withUnsafeBufferPointer { all in
                let slice = UnsafeBufferPointer(rebasing: all[range])
                do throws(JSONParseError) {
                    let value = try JSONParser.parse(UnsafeRawBufferPointer(slice), maxDepth: maxDepth, keyLists: &keyLists)
                    guard case .object(let fields) = value else {
                        return .malformed(MalformedRecord(file: file, line: line, column: 1,
                            error: "expected a JSON object, found \(article(value.typeName))", raw: rawText(slice)))
                    }
                    var record = Record(fields: fields, location: RecordLocation(fileID: fileID, line: line, index: 0))
                    if keepsSourceLine { record.sourceLine = bytes[range] }
                    return .record(record)
                } catch {
                    let (lineDelta, column) = position(ofOffset: error.offset, in: slice)
                    var message = "invalid JSON: \(error.message)"
                    if unterminated { message = "truncated last line (no newline at end of file): " + message }
                    return .malformed(MalformedRecord(file: file, line: line + lineDelta, column: column, error: message, raw: rawText(slice)))
                }
            }
        }
    }

    private static func article(_ typeName: String) -> String {
        switch typeName {
        case "array", "integer", "object": return "an \(typeName)"
        default: return "a \(typeName)"
        }
    }
}
