#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
/// inferred from them (`WriterFieldType`), columns encoded on all cores.
///
/// The schema is fixed by the first row group. When a later record needs a wider type (a new
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
    private var pending: [JSONObject] = []
    /// The last row group's leaves, whose buffers the next one refills.
    private var spareLeaves: [LeafData] = []
    private var pendingBytes = 0
    private var fields: [(String, WriterFieldType)]?
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
        pendingBytes += Self.approximateSize(.object(record))
        pending.append(record)
        if pendingBytes >= rowGroupBytes { try flushRowGroup() }
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

    private func inferred(_ records: [JSONObject], from start: [(String, WriterFieldType)]) -> [(String, WriterFieldType)] {
        var names = start.map(\.0)
        var types = start.map(\.1)
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() { index[n] = i }
        for record in records {
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
        return Array(zip(names, types))
    }

    private func flushRowGroup() throws {
        guard !pending.isEmpty else { return }
        let widened = inferred(pending, from: fields ?? [])
        if let current = fields, !(current.map(\.0) == widened.map(\.0) && current.map(\.1) == widened.map(\.1)) {
            try rewrite(as: widened)
        }
        fields = widened
        let records = pending
        pending = []
        pendingBytes = 0
        try writeRowGroup(records, schema: WriterSchema(fields: widened))
    }

    private func writeRowGroup(_ records: [JSONObject], schema: WriterSchema) throws {
        guard !records.isEmpty else { return }
        var shredder = RecordShredder(schema: schema, reusing: &spareLeaves)
        for record in records { shredder.add(record) }
        let leaves = shredder.finish()
        defer { spareLeaves = leaves }
        let codec = compression.codec
        let columns = schema.columns
        let results = parallelMap(count: leaves.count, threads: threads, minimumPerSlice: 1) { i -> Result<ColumnChunkWriter.Chunk, ColumnarError> in
            do {
                let zstd = codec == .zstd ? try Zstd.Compressor(level: 1) : nil
                return .success(try ColumnChunkWriter.encode(leaves[i], column: columns[i], codec: codec, zstd: zstd))
            } catch {
                return .failure(ColumnarError.from(error))
            }
        }
        var chunks: [ColumnChunk] = []
        let groupStart = offset
        var uncompressed: Int64 = 0
        for result in results {
            let chunk: ColumnChunkWriter.Chunk
            do { chunk = try result.get() } catch { throw SiftError("\(path): \(error)", status: .ioError) }
            let meta = chunk.placed(at: offset)
            uncompressed += meta.totalUncompressedSize
            chunks.append(ColumnChunk(metaData: meta, fileOffset: Int64(offset)))
            try append(chunk.bytes)
        }
        rowGroups.append(RowGroup(columns: chunks, totalByteSize: uncompressed, numRows: Int64(records.count),
                                  fileOffset: Int64(groupStart), totalCompressedSize: Int64(offset - groupStart)))
        rowCount += Int64(records.count)
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
        try writeFooter(schema: WriterSchema(fields: fields ?? []))
        Glibc.close(fd)
        let previous = writePath
        generation += 1
        writePath = "\(path).tmp-\(getpid())-\(generation)"
        try openFile()
        defer { unlink(previous) }
        let schema = WriterSchema(fields: widened)
        let reader = try DatasetReader(path: previous, options: ReadOptions(format: .parquet, threads: threads))
        var batch: [JSONObject] = []
        var batchBytes = 0
        while let events = try reader.nextBatch(firstIndex: 0) {
            for case .record(let record) in events {
                batchBytes += Self.approximateSize(.object(record.fields))
                batch.append(record.fields)
                if batchBytes >= rowGroupBytes {
                    try writeRowGroup(batch, schema: schema)
                    batch = []
                    batchBytes = 0
                }
            }
        }
        try writeRowGroup(batch, schema: schema)
    }

    func close() throws {
        guard !closed else { return }
        try flushRowGroup()
        try writeFooter(schema: WriterSchema(fields: fields ?? []))
        closed = true
        Glibc.close(fd)
        guard inPlace || rename(writePath, path) == 0 else {
            throw SiftError("\(path): cannot move output into place (\(String(cString: strerror(errno))))", status: .ioError)
        }
    }
}
