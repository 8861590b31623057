/// LZ4 block decoding in Swift, and the three framings Parquet files use around LZ4 blocks.
///
/// Reference: lz4 `doc/lz4_Block_format.md`. A sequence is a token (literal length in the high
/// nibble, match length - 4 in the low; 15 means more length bytes of 255 follow), the literals, a
/// 2-byte little-endian offset and the match. The last sequence has literals only.
public enum LZ4 {
    /// No valid block expands more than this (a 1-byte token and 2-byte offset yield <= 19 bytes,
    /// length bytes add 255 each).
    static let maxExpansion = 256

    /// Decompresses one raw block into exactly `length` bytes.
    public static func decompressBlock(_ input: UnsafeRawBufferPointer, length: Int) throws -> [UInt8] {
        guard length <= input.count * maxExpansion + 16 else {
            throw ColumnarError("corrupt lz4 data (\(length) bytes declared from \(input.count))")
        }
        var failure: Error?
        let output = [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
            do {
                let produced = try decodeBlock(input, into: out)
                guard produced == length else { throw ColumnarError("corrupt lz4 data (\(produced) bytes decoded, \(length) declared)") }
                initialized = length
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return output
    }

    /// Decodes a block into `out`, returning the bytes produced; never writes past `out`.
    static func decodeBlock(_ input: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        guard let base = input.baseAddress else { return 0 }
        let src = base.assumingMemoryBound(to: UInt8.self)
        let srcEnd = input.count
        var ip = 0
        var op = 0
        let outEnd = out.count
        while ip < srcEnd {
            let token = src[ip]
            ip += 1
            var literalLength = Int(token >> 4)
            if literalLength == 15 {
                while true {
                    guard ip < srcEnd else { throw ColumnarError("corrupt lz4 data (literal length cut)") }
                    let b = src[ip]
                    ip += 1
                    literalLength += Int(b)
                    if b != 255 { break }
                }
            }
            guard literalLength <= srcEnd - ip, literalLength <= outEnd - op else { throw ColumnarError("corrupt lz4 data (literals overrun)") }
            if literalLength > 0 { (out.baseAddress! + op).update(from: src + ip, count: literalLength) }
            ip += literalLength
            op += literalLength
            if ip == srcEnd { break }
            guard ip + 2 <= srcEnd else { throw ColumnarError("corrupt lz4 data (offset cut)") }
            let offset = Int(src[ip]) | Int(src[ip + 1]) << 8
            ip += 2
            var matchLength = Int(token & 0x0F)
            if matchLength == 15 {
                while true {
                    guard ip < srcEnd else { throw ColumnarError("corrupt lz4 data (match length cut)") }
                    let b = src[ip]
                    ip += 1
                    matchLength += Int(b)
                    if b != 255 { break }
                }
            }
            matchLength += 4
            guard offset > 0, offset <= op, matchLength <= outEnd - op else { throw ColumnarError("corrupt lz4 data (match out of range)") }
            let d = out.baseAddress! + op
            if offset >= matchLength {
                d.update(from: d - offset, count: matchLength)
            } else {
                for k in 0..<matchLength { d[k] = d[k - offset] }
            }
            op += matchLength
        }
        return op
    }

    /// Parquet's deprecated LZ4 codec: Hadoop's framing (big-endian decompressed and compressed
    /// sizes before each block) as parquet-mr writes it, else a bare block as old parquet-cpp
    /// wrote it; Arrow reads it the same way.
    public static func decompressLegacy(_ input: UnsafeRawBufferPointer, length: Int) throws -> [UInt8] {
        if let framed = try? decompressHadoop(input, length: length) { return framed }
        return try decompressBlock(input, length: length)
    }

    static func decompressHadoop(_ input: UnsafeRawBufferPointer, length: Int) throws -> [UInt8] {
        func be32(_ i: Int) -> Int { Int(input[i]) << 24 | Int(input[i + 1]) << 16 | Int(input[i + 2]) << 8 | Int(input[i + 3]) }
        var output: [UInt8] = []
        output.reserveCapacity(length)
        var position = 0
        while position < input.count {
            guard position + 8 <= input.count else { throw ColumnarError("not Hadoop-framed lz4") }
            let frameLength = be32(position)
            position += 4
            var produced = 0
            while produced < frameLength {
                guard position + 4 <= input.count else { throw ColumnarError("not Hadoop-framed lz4") }
                let blockLength = be32(position)
                position += 4
                guard blockLength <= input.count - position, frameLength - produced <= length - output.count else {
                    throw ColumnarError("not Hadoop-framed lz4")
                }
                let before = output.count
                let target = min(frameLength - produced, length - output.count)
                output.append(contentsOf: repeatElement(0, count: target))
                let n = try output.withUnsafeMutableBufferPointer { all in
                    try decodeBlock(UnsafeRawBufferPointer(rebasing: input[position..<position + blockLength]),
                                    into: UnsafeMutableBufferPointer(rebasing: all[before...]))
                }
                output.removeLast(target - n)
                produced += n
                position += blockLength
                if n == 0 { throw ColumnarError("not Hadoop-framed lz4") }
            }
        }
        guard output.count == length else { throw ColumnarError("not Hadoop-framed lz4") }
        return output
    }
}

extension LZ4 {
    /// The LZ4 frame format (lz4 `doc/lz4_Frame_format.md`), as Arrow IPC compresses buffers: a
    /// magic number, a frame descriptor, then blocks (a 4-byte size whose high bit marks a stored
    /// block) up to a zero end mark. Checksums are skipped; the blocks' own bounds are checked.
    public static func decompressFrame(_ input: UnsafeRawBufferPointer, expected: Int, limit: Int) throws -> [UInt8] {
        func le32(_ i: Int) throws -> Int {
            guard i + 4 <= input.count else { throw ColumnarError("corrupt lz4 frame (cut)") }
            return Int(input[i]) | Int(input[i + 1]) << 8 | Int(input[i + 2]) << 16 | Int(input[i + 3]) << 24
        }
        guard try le32(0) == 0x184D_2204, input.count >= 7 else { throw ColumnarError("not an lz4 frame") }
        let flags = input[4]
        var position = 6 + (flags & 0x08 != 0 ? 8 : 0) + (flags & 0x01 != 0 ? 4 : 0) + 1
        let blockChecksum = flags & 0x10 != 0
        var output: [UInt8] = []
        output.reserveCapacity(min(expected, limit))
        while true {
            let size = try le32(position)
            position += 4
            if size == 0 { break }
            let length = size & 0x7FFF_FFFF
            guard length <= input.count - position else { throw ColumnarError("corrupt lz4 frame (block runs past the data)") }
            let block = UnsafeRawBufferPointer(rebasing: input[position..<position + length])
            if size & 0x8000_0000 != 0 {
                output.append(contentsOf: block)
            } else {
                let room = min(limit - output.count, 4 << 20)
                let start = output.count
                output.append(contentsOf: repeatElement(0, count: room))
                let n = try output.withUnsafeMutableBufferPointer { all in
                    try decodeBlock(block, into: UnsafeMutableBufferPointer(rebasing: all[start...]))
                }
                output.removeLast(room - n)
            }
            guard output.count <= limit else { throw ColumnarError("lz4 frame expands past the limit") }
            position += length + (blockChecksum ? 4 : 0)
        }
        guard output.count == expected else { throw ColumnarError("lz4 frame decompressed to \(output.count) bytes, \(expected) declared") }
        return output
    }
}
