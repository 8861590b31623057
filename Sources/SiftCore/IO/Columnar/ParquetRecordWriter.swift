#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import SiftColumnar

/// Compression of the Parquet files Sift writes (`--compression`).
public enum ParquetCompression: String, Sendable, CaseIterable {
    /// `none` on the command line; not a case named `none`, which `ParquetCompression?` would
    /// silently read as `nil` (the default codec).
    case zstd, snappy, gzip, uncompressed = "none"

    var codec: CompressionCodec {
        switch self {
        case .zstd: return .zstd
        case .snappy: return .snappy
        case .gzip: return .gzip
        case .uncompressed: return .uncompressed
        }
    }
}

/// Writes records as a Parquet file: row groups of about `rowGroupBytes` of records, the schema
/// inferred from them (`WriterFieldType`).
///
/// With more than one thread, a row group's pages are encoded and compressed on all cores in the
/// background while the caller's next records are shredded: compression is most of the work, and
/// one text column holds most of the pages, so neither columns alone nor a serial writer would use
/// the second core.
///
/// The schema is fixed by the first row group, whose rows wait until it is full (JSON Lines as
/// their bytes, other records as they are); later rows are shredded as they come. When a later record needs a wider type (a new
/// field, an integer field that meets a fraction, a field whose types now conflict), the row groups
/// written so far are read back and rewritten under the widened schema: rare, and it keeps memory
/// at one row group however the data drifts. The file is written under a temporary name and moved
/// into place by `close()`.
final class ParquetRecordWriter {
    let path: String
    private let compression: ParquetCompression
    private let rowGroupBytes: Int
    private let threads: Int
    private var writePath: String
    private var fd: Int32 = -1
    private var offset = 0
    /// Rows not yet shredded: the first row group's, whose schema is not yet known, and those
    /// from a record the schema does not accept until the row group ends.
    private var pending: [PendingRow] = []
    /// The text of the pending rows that are JSON Lines lines.
    private var pendingLines = ByteArrays()
    private var pendingLinesMaxDepth = JSONParser.defaultMaxDepth
    /// The schema the pending rows need, widened by each as it came.
    private var pendingSchema = SchemaInference(fields: [])
    /// The current row group's shredded records, once the schema is known.
    private var shredder: RecordShredder?
    private var shreddedRows = 0
    /// The last row group's leaves, whose buffers the next one refills.
    private var spareLeaves: [LeafData] = []
    /// The row group being encoded in the background.
    private var encoding: RowGroupEncoding?
    private var pendingBytes = 0
    private var schema: WriterSchema?
    private var fields: [(String, WriterFieldType)]? { schema?.fields }
    private var fieldIndex: [String: Int] = [:]
    /// The schema as `RecordShredder.add(line:)` walks it, with its reusable buffers.
    private var lineSchema: LineSchemaNode?
    private var lineMarks: [LeafMark] = []
    private var lineScratch: [UInt8] = []
    /// Records shredded straight from their lines, never built.
    private(set) var shreddedLines = 0
    private var rowGroups: [RowGroup] = []
    private var rowCount: Int64 = 0
    private var closed = false
    private var generation = 0

    init(path: String, compression: ParquetCompression, rowGroupBytes: Int = 128 << 20, threads: Int = siftThreadCount) throws {
        self.path = path
        self.compression = compression
        self.rowGroupBytes = rowGroupBytes
        self.threads = threads
        if compression == .zstd, !Zstd.isAvailable {
            throw SiftError("\(path): zstd compression needs libzstd.so.1 (apt install libzstd1), or choose --compression snappy", status: .config)
        }
        inPlace = isSpecialFile(path)
        // A device or pipe (`/dev/stdout`) is written in place: renaming over it would replace it.
        writePath = inPlace ? path : "\(path).tmp-\(getpid())"
        try openFile()
    }

    private let inPlace: Bool

    deinit {
        if !closed {
            if fd >= 0 { Glibc.close(fd) }
            if !inPlace { unlink(writePath) }
        }
    }

    private func openFile() throws {
        fd = open(writePath, inPlace ? O_WRONLY : (O_WRONLY | O_CREAT | O_TRUNC), 0o644)
        guard fd >= 0 else { throw SiftError("\(path): cannot write (\(String(cString: strerror(errno))))", status: .ioError) }
        offset = 0
        rowGroups = []
        rowCount = 0
        try append(ParquetFile.magic)
    }

    private func append(_ bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + done, raw.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SiftError("\(path): write failed (\(String(cString: strerror(errno))))", status: .ioError)
            }
            done += n
        }
        offset += bytes.count
    }

    func write(_ record: JSONObject) throws {
        try write(record, waitingAs: { .record(record) })
    }

    /// Shreds `record` now if the schema is known and holds it, else keeps it as `row()` (which
    /// waits for the row group's end and a schema widened to hold it).
    private func write(_ record: JSONObject, waitingAs row: () -> PendingRow) throws {
        pendingBytes += Self.approximateSize(.object(record))
        if shredsRowsAsTheyCome, accepts(record) {
            shredder!.add(record)
            shreddedRows += 1
        } else {
            if pending.isEmpty { pendingSchema = SchemaInference(fields: fields ?? []) }
            pendingSchema.add(record)
            pending.append(row())
        }
        if pendingBytes >= rowGroupBytes { try flushRowGroup() }
    }

    /// Whether rows are shredded as they come: the schema is known and no row waits before them.
    private var shredsRowsAsTheyCome: Bool { shredder != nil && pending.isEmpty }

    /// Writes the records of JSON Lines `lines` in order: each line straight from its bytes into
    /// the columns where the schema holds it as it is (`RecordShredder.add(line:)`), any other
    /// decoded as every reader decodes it and written as a record; `malformed` gets the lines that
    /// are not records. Returns how many records it wrote.
    func write(lines: RawLines, malformed: (MalformedRecord) throws -> Void) throws -> Int {
        var written = 0
        var start = 0
        while start < lines.count {
            var full = false
            // Stops at a line the shredder cannot take, or after the line that fills the row group.
            let stop = lines.firstLine(in: start..<lines.count) { _, line in
                guard let line, shredsRowsAsTheyCome, let root = lineSchema,
                      let size = shredder!.add(line: line, root: root, maxDepth: lines.maxDepth, marks: &lineMarks, scratch: &lineScratch)
                else { return true }
                pendingBytes += size
                shreddedRows += 1
                shreddedLines += 1
                written += 1
                full = pendingBytes >= rowGroupBytes
                return full
            }
            guard let stop else { break }
            if full {
                try flushRowGroup()
            } else {
                switch lines.event(stop) {
                case .record(let record):
                    // If it must wait, it waits as its line: the record itself only widens the schema.
                    try write(record.fields, waitingAs: { waitingLine(stop, of: lines) })
                    written += 1
                case .malformed(let item):
                    try malformed(item)
                }
            }
            start = stop + 1
        }
        return written
    }

    private func waitingLine(_ i: Int, of lines: RawLines) -> PendingRow {
        lines.withLine(i) { line in line.map { pendingLines.append(UnsafeRawBufferPointer($0)) } }
        pendingLinesMaxDepth = lines.maxDepth
        return .line(pendingLines.count - 1)
    }

    /// Whether the current schema holds `record` as it is.
    private func accepts(_ record: JSONObject) -> Bool {
        guard let fields else { return false }
        for (key, value) in record {
            guard let i = fieldIndex[key], fields[i].1.accepts(value) else { return false }
        }
        return true
    }

    /// Roughly the record's JSON size: sizes row groups without serialising.
    static func approximateSize(_ value: JSONValue) -> Int {
        switch value {
        case .null, .bool: return 5
        case .number(let n): return n.utf8.count + 1
        case .string(let s): return s.utf8.count + 3
        case .array(let a): return a.reduce(2) { $0 + approximateSize($1) }
        case .object(let o): return o.reduce(2) { $0 + $1.key.utf8.count + 4 + approximateSize($1.value) }
        }
    }

    /// Ends the row group: the shredded records, then any pending ones under a schema widened to
    /// hold them (rewriting the file so far when it had to widen). `reopen`: start the next.
    private func flushRowGroup(reopen: Bool = true) throws {
        if var current = shredder {
            shredder = nil
            if shreddedRows > 0 { try submit(current.finish(), rows: shreddedRows) }
            shreddedRows = 0
        }
        if !pending.isEmpty {
            let widened = pendingSchema.fields
            if let current = fields, !(current.map(\.0) == widened.map(\.0) && current.map(\.1) == widened.map(\.1)) {
                try rewrite(as: widened)
            }
            setFields(widened)
            try writePendingRows()
        }
        pendingBytes = 0
        if reopen, let schema { shredder = RecordShredder(schema: schema, reusing: &spareLeaves) }
    }

    private func setFields(_ widened: [(String, WriterFieldType)]) {
        schema = WriterSchema(fields: widened)
        lineSchema = LineSchemaNode(fields: widened)
        fieldIndex = [:]
        for (i, field) in widened.enumerated() { fieldIndex[field.0] = i }
    }

    /// The pending rows as one row group; their lines straight from their bytes where the cursor
    /// can vouch for them (the schema now holds them all), else parsed again.
    private func writePendingRows() throws {
        guard let schema, let root = lineSchema else { return }
        var shredder = RecordShredder(schema: schema, reusing: &spareLeaves)
        for row in pending {
            switch row {
            case .record(let record):
                shredder.add(record)
            case .line(let k):
                let done = pendingLines.data.withUnsafeBufferPointer { data in
                    let line = UnsafeBufferPointer(rebasing: data[pendingLines.range(k)])
                    if shredder.add(line: line, root: root, maxDepth: pendingLinesMaxDepth, marks: &lineMarks, scratch: &lineScratch) != nil {
                        shreddedLines += 1
                        return true
                    }
                    guard case .object(let record)? = try? JSONParser.parse(UnsafeRawBufferPointer(line), maxDepth: pendingLinesMaxDepth) else {
                        return false
                    }
                    shredder.add(record)
                    return true
                }
                guard done else { throw SiftError("\(path): internal error: a kept line no longer parses as a record", status: .ioError) }
            }
        }
        let rows = pending.count
        pending = []
        // Rows wait again only when records stop fitting the schema, which is rare.
        pendingLines = ByteArrays()
        try submit(shredder.finish(), rows: rows)
    }

    private func writeRowGroup(_ records: [JSONObject]) throws {
        guard !records.isEmpty, let schema else { return }
        var shredder = RecordShredder(schema: schema, reusing: &spareLeaves)
        for record in records { shredder.add(record) }
        try submit(shredder.finish(), rows: records.count)
    }

    /// Writes the row group in flight, then encodes `leaves`: in the background with more than one
    /// thread, otherwise at once.
    private func submit(_ leaves: [LeafData], rows: Int) throws {
        try drain()
        guard let schema else { return }
        let next = RowGroupEncoding(leaves: leaves, rows: rows, columns: schema.columns, codec: compression.codec, threads: threads)
        encoding = next
        if threads > 1 {
            DispatchQueue.global().async { next.run() }
        } else {
            next.run()
            try drain()
        }
    }

    /// Waits for the row group in flight and appends it to the file.
    private func drain() throws {
        guard let current = encoding else { return }
        encoding = nil
        let (result, leaves) = current.wait()
        spareLeaves = leaves
        let chunks: [ColumnChunkWriter.Chunk]
        do { chunks = try result.get() } catch { throw SiftError("\(path): \(error)", status: .ioError) }
        var columns: [ColumnChunk] = []
        let groupStart = offset
        var uncompressed: Int64 = 0
        for chunk in chunks {
            let meta = chunk.placed(at: offset)
            uncompressed += meta.totalUncompressedSize
            columns.append(ColumnChunk(metaData: meta, fileOffset: Int64(offset)))
            for page in chunk.pages {
                try append(page.header)
                try append(page.body)
            }
        }
        rowGroups.append(RowGroup(columns: columns, totalByteSize: uncompressed, numRows: Int64(current.rows),
                                  fileOffset: Int64(groupStart), totalCompressedSize: Int64(offset - groupStart)))
        rowCount += Int64(current.rows)
    }

    private func writeFooter(schema: WriterSchema) throws {
        let metadata = FileMetaData(version: 1, schema: schema.elements, numRows: rowCount, rowGroups: rowGroups,
                                    createdBy: "sift version \(siftVersion)")
        let footer = metadata.encoded()
        try append(footer)
        let n = UInt32(footer.count)
        try append([UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + ParquetFile.magic)
    }

    /// Finishes the file written so far and rewrites its rows under `widened` into a new file.
    private func rewrite(as widened: [(String, WriterFieldType)]) throws {
        guard !inPlace else {
            throw SiftError("\(path): the records need a wider schema than the first row group's; write to a file, not a pipe", status: .dataError)
        }
        try drain()
        try writeFooter(schema: WriterSchema(fields: fields ?? []))
        Glibc.close(fd)
        let previous = writePath
        generation += 1
        writePath = "\(path).tmp-\(getpid())-\(generation)"
        try openFile()
        defer { unlink(previous) }
        setFields(widened)
        let reader = try DatasetReader(path: previous, options: ReadOptions(format: .parquet, threads: threads))
        var batch: [JSONObject] = []
        var batchBytes = 0
        while let events = try reader.nextBatch(firstIndex: 0) {
            for case .record(let record) in events {
                batchBytes += Self.approximateSize(.object(record.fields))
                batch.append(record.fields)
                if batchBytes >= rowGroupBytes {
                    try writeRowGroup(batch)
                    batch = []
                    batchBytes = 0
                }
            }
        }
        try writeRowGroup(batch)
    }

    func close() throws {
        guard !closed else { return }
        try flushRowGroup(reopen: false)
        try drain()
        try writeFooter(schema: schema ?? WriterSchema(fields: []))
        closed = true
        Glibc.close(fd)
        guard inPlace || rename(writePath, path) == 0 else {
            throw SiftError("\(path): cannot move output into place (\(String(cString: strerror(errno))))", status: .ioError)
        }
    }
}

/// One row group's leaves being encoded into column chunks, pages on all cores: a large text
/// column's pages compress in parallel, not just the columns.
private final class RowGroupEncoding: @unchecked Sendable {
    // `result` and `leaves` are written by `run` before `done` is signalled and read by `wait`
    // after it, which is what makes the unchecked sendability sound.
    private var leaves: [LeafData]
    private var result: Result<[ColumnChunkWriter.Chunk], ColumnarError> = .success([])
    private let done = DispatchSemaphore(value: 0)
    let rows: Int
    private let columns: [ColumnChunkWriter.Column]
    private let codec: CompressionCodec
    private let threads: Int

    init(leaves: [LeafData], rows: Int, columns: [ColumnChunkWriter.Column], codec: CompressionCodec, threads: Int) {
        self.leaves = leaves
        self.rows = rows
        self.columns = columns
        self.codec = codec
        self.threads = threads
    }

    func run() {
        result = Self.encode(leaves, columns: columns, codec: codec, threads: threads)
        done.signal()
    }

    /// The chunks, and the leaves handed back for the next row group to refill.
    func wait() -> (Result<[ColumnChunkWriter.Chunk], ColumnarError>, [LeafData]) {
        done.wait()
        defer { leaves = [] }
        return (result, leaves)
    }

    private static func encode(_ leaves: [LeafData], columns: [ColumnChunkWriter.Column], codec: CompressionCodec,
                               threads: Int) -> Result<[ColumnChunkWriter.Chunk], ColumnarError> {
        let plans = parallelMap(count: leaves.count, threads: threads, minimumPerSlice: 1) { i in
            ColumnChunkWriter.plan(leaves[i], column: columns[i])
        }
        let pageOf = plans.indices.flatMap { c in (0..<plans[c].pageCount).map { (column: c, page: $0) } }
        let pages = parallelMap(count: pageOf.count, threads: threads, minimumPerSlice: 1,
                                state: { Result { codec == .zstd ? try Zstd.Compressor(level: 1) : nil } }) { zstd, t -> Result<ColumnChunkWriter.EncodedPage, ColumnarError> in
            do {
                return .success(try ColumnChunkWriter.page(pageOf[t].page, of: plans[pageOf[t].column], codec: codec, zstd: zstd.get()))
            } catch {
                return .failure(ColumnarError.from(error))
            }
        }
        var chunks: [ColumnChunkWriter.Chunk] = []
        var t = 0
        for plan in plans {
            var own: [ColumnChunkWriter.EncodedPage] = []
            for _ in 0..<plan.pageCount {
                switch pages[t] {
                case .success(let page): own.append(page)
                case .failure(let error): return .failure(error)
                }
                t += 1
            }
            chunks.append(ColumnChunkWriter.chunk(plan, pages: own, codec: codec))
        }
        return .success(chunks)
    }
}

/// A row waiting for the row group's schema: a record, or a JSON Lines line kept as its bytes (the
/// index of its text in `pendingLines`), so that the first row group of a conversion holds its
/// text once rather than as a tree of strings.
private enum PendingRow {
    case record(JSONObject)
    case line(Int)
}

/// Field types widened record by record, by the rules of `WriterFieldType` (docs/formats.md):
/// fields in first-seen order, each type merged with every value it does not already accept.
struct SchemaInference {
    private var names: [String]
    private var types: [WriterFieldType]
    private var index: [String: Int] = [:]

    init(fields: [(String, WriterFieldType)]) {
        names = fields.map(\.0)
        types = fields.map(\.1)
        for (i, name) in names.enumerated() { index[name] = i }
    }

    var fields: [(String, WriterFieldType)] { Array(zip(names, types)) }

    mutating func add(_ record: JSONObject) {
        for (key, value) in record {
            if let i = index[key] {
                if !types[i].accepts(value) { types[i] = types[i].merged(with: WriterFieldType.of(value)) }
            } else {
                index[key] = names.count
                names.append(key)
                types.append(WriterFieldType.of(value))
            }
        }
    }
}
