import CCompressZlib

/// gzip (and zlib) through the system zlib that compress-nio already links, plus CRC-32.
/// Concatenated gzip members are inflated in sequence, as `gzip -d` does.
public enum Gzip {
    public static func decompress(_ input: UnsafeRawBufferPointer, expected: Int, limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        // 15 + 32: a gzip or zlib header, detected automatically.
        guard CCompressZlib_inflateInit2(&stream, 15 + 32) == Z_OK else { throw ColumnarError("zlib: cannot initialise") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var capacity = max(64, min(expected, limit, input.count * 8 + 1 << 16))
        var consumed = 0
        var produced = 0
        guard let base = input.baseAddress, input.count > 0 else { throw ColumnarError("corrupt gzip data (empty)") }
        while true {
            if output.count < capacity { output.append(contentsOf: repeatElement(0, count: capacity - output.count)) }
            let status: Int32 = output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: (base + consumed).assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(input.count - consumed)
                stream.next_out = (out.baseAddress! + produced).assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(out.count - produced)
                let status = inflate(&stream, Z_NO_FLUSH)
                consumed = input.count - Int(stream.avail_in)
                produced = out.count - Int(stream.avail_out)
                return status
            }
            if status == Z_STREAM_END {
                // Another member may follow (skip zero padding some writers add).
                var next = consumed
                while next < input.count, input[next] == 0 { next += 1 }
                if next >= input.count { break }
                consumed = next
                guard inflateReset(&stream) == Z_OK else { throw ColumnarError("zlib: cannot reset") }
                continue
            }
            guard status == Z_OK || status == Z_BUF_ERROR else { throw ColumnarError("corrupt gzip data (zlib status \(status))") }
            if produced == capacity {
                guard capacity < limit else { throw ColumnarError("gzip data expands past the \(limit)-byte limit") }
                capacity = min(limit, capacity * 2)
            } else if consumed == input.count {
                throw ColumnarError("corrupt gzip data (stream ends early)")
            }
        }
        output.removeLast(output.count - produced)
        return output
    }

    /// One gzip member at the given level (Parquet's GZIP codec).
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = 6, into output: inout [UInt8]) throws {
        var stream = z_stream()
        guard CCompressZlib_deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK else {
            throw ColumnarError("zlib: cannot initialise")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 32
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: bound))
        let status: Int32 = output.withUnsafeMutableBytes { out in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            stream.next_out = (out.baseAddress! + start).assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(bound)
            return deflate(&stream, Z_FINISH)
        }
        guard status == Z_STREAM_END else { throw ColumnarError("gzip compression failed (zlib status \(status))") }
        output.removeLast(bound - Int(stream.total_out))
    }
}

/// CRC-32 (ISO-HDLC, the gzip polynomial 0x04C11DB7 reflected), which Parquet page headers carry.
public enum CRC32 {
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        var crc: uLong = 0
        var offset = 0
        while offset < bytes.count {
            let n = min(bytes.count - offset, Int(Int32.max))
            crc = crc32(crc, (base + offset).assumingMemoryBound(to: Bytef.self), uInt(n))
            offset += n
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
