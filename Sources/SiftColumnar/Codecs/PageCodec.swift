/// Parquet's compression codecs behind one call. Every decompressor is told the size the page
/// header declares and a hard limit, and either returns exactly the declared size or throws.
public enum PageCodec {
    public static func decompress(_ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, uncompressedSize: Int, limit: Int) throws -> [UInt8] {
        guard uncompressedSize <= limit else {
            throw ColumnarError("page declares \(uncompressedSize) uncompressed bytes, over the \(limit)-byte limit")
        }
        let output: [UInt8]
        switch codec {
        case .uncompressed:
            output = Array(input)
        case .snappy:
            output = try Snappy.decompress(input, limit: limit)
        case .gzip:
            output = try Gzip.decompress(input, expected: uncompressedSize, limit: limit)
        case .zstd:
            output = try Zstd.decompress(input, expected: uncompressedSize, limit: limit)
        case .brotli:
            output = try Brotli.decompress(input, expected: uncompressedSize, limit: limit)
        case .lz4Raw:
            output = try LZ4.decompressBlock(input, length: uncompressedSize)
        case .lz4:
            output = try LZ4.decompressLegacy(input, length: uncompressedSize)
        case .lzo:
            throw ColumnarError("LZO-compressed pages are not supported (no maintained decoder; rewrite the file with zstd or snappy)", unsupported: true)
        }
        guard output.count == uncompressedSize else {
            throw ColumnarError("\(codec.name) page decompressed to \(output.count) bytes, its header says \(uncompressedSize)")
        }
        return output
    }

    /// Compression codecs Sift writes.
    public static func compress(_ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, zstd: Zstd.Compressor?, into output: inout [UInt8]) throws {
        switch codec {
        case .uncompressed: output.append(contentsOf: input)
        case .snappy: output.append(contentsOf: Snappy.compress(input))
        case .gzip: try Gzip.compress(input, into: &output)
        case .zstd:
            guard let zstd else { throw ColumnarError(Zstd.missing, unsupported: true) }
            try zstd.compress(input, into: &output)
        default: throw ColumnarError("Sift does not write \(codec.name)-compressed pages", unsupported: true)
        }
    }
}
