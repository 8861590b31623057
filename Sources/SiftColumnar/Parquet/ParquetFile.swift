/// An opened Parquet file: its footer decoded and checked, its schema tree, and readers for its
/// column chunks.
///
/// Layout (parquet-format README): `PAR1`, column chunks, the Thrift-encoded `FileMetaData`, its
/// 4-byte little-endian length, `PAR1`. `PARE` ends a file whose footer is encrypted.
public final class ParquetFile {
    public let file: RandomAccessFile
    public let metadata: FileMetaData
    public let schema: ParquetSchema
    public let limits: ParquetLimits

    public static let magic: [UInt8] = Array("PAR1".utf8)

    public init(path: String, limits: ParquetLimits = ParquetLimits()) throws {
        let file = try RandomAccessFile(path: path)
        self.file = file
        self.limits = limits
        guard file.size >= 12 else { throw ColumnarError("not a Parquet file: \(file.size) bytes is too short (truncated?)") }
        let head = try file.read(at: 0, count: 4)
        let tail = try file.read(at: file.size - 8, count: 8)
        if head == Array("PARE".utf8) || Array(tail[4..<8]) == Array("PARE".utf8) {
            throw ColumnarError("encrypted Parquet file (modular encryption with an encrypted footer) is not supported", unsupported: true)
        }
        guard head == Self.magic else { throw ColumnarError("not a Parquet file: it does not start with PAR1") }
        guard Array(tail[4..<8]) == Self.magic else { throw ColumnarError("Parquet file does not end with PAR1 (truncated?)") }
        let footerLength = Int(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
        guard footerLength <= file.size - 12 else {
            throw ColumnarError("footer length \(footerLength) points past the start of the \(file.size)-byte file")
        }
        guard footerLength <= max(limits.maxPageBytes, 64 << 20) else {
            throw ColumnarError("footer of \(footerLength) bytes is over the limit")
        }
        let footer = try file.read(at: file.size - 8 - footerLength, count: footerLength)
        let metadata: FileMetaData
        do {
            metadata = try footer.withUnsafeBytes { raw in try FileMetaData.decode(raw) }
        } catch {
            throw ColumnarError.from(error).located("footer")
        }
        self.metadata = metadata
        file.close()
        do {
            schema = try ParquetSchema(metadata.schema)
        } catch {
            throw ColumnarError.from(error).located("schema")
        }
        if metadata.isEncrypted {
            throw ColumnarError("encrypted Parquet file (modular encryption) is not supported", unsupported: true)
        }
        let dataEnd = file.size - 8 - footerLength
        for (g, group) in metadata.rowGroups.enumerated() {
            guard group.numRows >= 0 else { throw ColumnarError("row group \(g): negative row count") }
            guard group.columns.count == schema.columns.count else {
                throw ColumnarError("row group \(g) has \(group.columns.count) column chunks, the schema has \(schema.columns.count) columns")
            }
            for (c, chunk) in group.columns.enumerated() {
                let where_ = "row group \(g), column \(schema.columns[c].dottedPath)"
                if chunk.isEncrypted {
                    throw ColumnarError("\(where_): encrypted column (Parquet modular encryption) is not supported", unsupported: true)
                }
                if let path = chunk.filePath, !path.isEmpty {
                    throw ColumnarError("\(where_): column data in another file (\(path)) is not supported", unsupported: true)
                }
                guard let meta = chunk.metaData else { throw ColumnarError("\(where_): no column metadata") }
                let start = meta.chunkStart
                guard start >= 4, meta.totalCompressedSize >= 0, start <= dataEnd, meta.totalCompressedSize <= Int64(dataEnd - start) else {
                    throw ColumnarError("\(where_): column chunk (offset \(start), \(meta.totalCompressedSize) bytes) lies outside the file's data")
                }
            }
        }
    }

    public var numRows: Int { Int(metadata.numRows) }
    public var rowGroupCount: Int { metadata.rowGroups.count }

    public func rowCount(ofRowGroup g: Int) -> Int { Int(metadata.rowGroups[g].numRows) }

    /// A streaming reader for column `column` of row group `rowGroup`.
    public func columnReader(rowGroup: Int, column: Int) throws -> ColumnChunkReader {
        guard let meta = metadata.rowGroups[rowGroup].columns[column].metaData else { throw ColumnarError("no column metadata") }
        return try ColumnChunkReader(file: file, metadata: meta, descriptor: schema.columns[column], limits: limits)
    }

    /// Uncompressed bytes of the given columns in a row group, per row: sizes a batch of rows.
    public func uncompressedBytesPerRow(rowGroup: Int, columns: [Int]) -> Int {
        let group = metadata.rowGroups[rowGroup]
        guard group.numRows > 0 else { return 0 }
        var total: Int64 = 0
        for c in columns { total += max(0, group.columns[c].metaData?.totalUncompressedSize ?? 0) }
        return Int(total / group.numRows)
    }

    /// Releases the descriptor between reads.
    public func suspend() { file.close() }
}
