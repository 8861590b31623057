/// Snappy raw block format, decoder and encoder, in Swift: Parquet's most common codec, so reading
/// it needs no C library at all.
///
/// Reference: google/snappy `format_description.txt`. A block is the uncompressed length as a
/// varint, then elements whose tag byte's low two bits say literal (00), copy with a 1-byte offset
/// (01: length 4-11, 11-bit offset), copy with a 2-byte offset (10: length 1-64) or with a 4-byte
/// offset (11). Each element produces at most 64 bytes from at least 2 (`maxExpansion`).
public enum Snappy {
    /// No valid block expands more than this many times (a 3-byte copy yields at most 64 bytes).
    static let maxExpansion = 22

    /// The uncompressed length the block declares.
    public static func declaredLength(_ input: UnsafeRawBufferPointer) throws -> Int {
        var position = 0
        return try readLength(input, &position)
    }

    private static func readLength(_ input: UnsafeRawBufferPointer, _ position: inout Int) throws -> Int {
        var result = 0
        var shift = 0
        while true {
            guard position < input.count, shift <= 28 else { throw ColumnarError("corrupt snappy data (bad length preamble)") }
            let b = input[position]
            position += 1
            result |= Int(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
        }
        guard result <= UInt32.max else { throw ColumnarError("corrupt snappy data (length over 4 GiB)") }
        return result
    }

    /// Decompresses a whole block; `limit` bounds the declared length, which must also be plausible
    /// for the input size, so a forged preamble cannot make it allocate.
    public static func decompress(_ input: UnsafeRawBufferPointer, limit: Int) throws -> [UInt8] {
        var position = 0
        let length = try readLength(input, &position)
        guard length <= limit else { throw ColumnarError("snappy block declares \(length) bytes, over the \(limit)-byte limit") }
        guard length <= input.count * maxExpansion + 64 else {
            throw ColumnarError("corrupt snappy data (declares \(length) bytes from \(input.count))")
        }
        var failure: Error?
        let output = [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
            do {
                try decode(input, from: position, into: out)
                initialized = length
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return output
    }

    @inline(__always)
    private static func copy16(_ to: UnsafeMutablePointer<UInt8>, _ from: UnsafePointer<UInt8>) {
        UnsafeMutableRawPointer(to).storeBytes(of: UnsafeRawPointer(from).loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
    }

    @inline(__always)
    private static func copy8(_ to: UnsafeMutablePointer<UInt8>, _ from: UnsafePointer<UInt8>) {
        UnsafeMutableRawPointer(to).storeBytes(of: UnsafeRawPointer(from).loadUnaligned(as: UInt64.self), as: UInt64.self)
    }

    /// A copy tag's length and trailer size (1, 2 or 4 bytes for tags ending 01, 10, 11), for the
    /// checked path near a block's end and for 4-byte offsets.
    @inline(__always)
    private static func copyLength(_ tag: UInt8) -> (length: Int, trailerBytes: Int) {
        let t = Int(tag)
        let kind = t & 3
        return (kind == 1 ? 4 + (t >> 2) & 7 : (t >> 2) + 1, (0x4210 >> (kind * 4)) & 0xF)
    }

    /// The decoding loop. While the input has five bytes and the output 64 bytes of room (nearly
    /// all of a block), an element is decoded without further bounds checks on what it may write
    /// past its end: short literals move 16 bytes, copies move 16 bytes per step from at least 16
    /// bytes back (8 from 8 back), and the next element overwrites the excess, as the reference
    /// decoder does. The two common copy kinds share one path rather than a branch per kind.
    private static func decode(_ input: UnsafeRawBufferPointer, from start: Int, into out: UnsafeMutableBufferPointer<UInt8>) throws {
        guard let srcBase = input.baseAddress else { return }
        let src = srcBase.assumingMemoryBound(to: UInt8.self)
        let srcEnd = input.count
        var ip = start
        var op = 0
        let outEnd = out.count
        guard let dst = out.baseAddress else {
            guard ip == srcEnd else { throw ColumnarError("corrupt snappy data (output overruns)") }
            return
        }
        while ip < srcEnd {
            let tag = src[ip]
            let kind = Int(tag & 3)
            if UInt(bitPattern: kind &- 1) < 2, srcEnd - ip >= 5, outEnd - op >= 64 {
                // A copy with a 1- or 2-byte offset (4-byte offsets are legal, but encoders that
                // match within 64 KB fragments, as snappy's do, never write them; they take the
                // checked path below). Its trailer is `kind` bytes, so the next tag is
                // one add away from this one: that chain of dependent loads bounds the decoder.
                // Length and offset are selected without a branch, as which of the two kinds comes
                // next is a coin toss in text: `one` is all ones for a 1-byte-offset copy (length
                // 4-11, the offset's high bits in the tag), zero for a 2-byte one (length 1-64).
                let t = Int(tag)
                let trailer = Int(UInt16(littleEndian: UnsafeRawPointer(src + ip + 1).loadUnaligned(as: UInt16.self)))
                let one = 0 &- (kind & 1)
                let length = ((4 &+ (t >> 2) & 7) & one) | (((t >> 2) &+ 1) & ~one)
                let offset = ((t >> 5) << 8 & one) | (trailer & (0xFFFF >> ((kind & 1) << 3)))
                ip &+= 1 &+ kind
                guard offset > 0, offset <= op else { throw ColumnarError("corrupt snappy data (copy out of range)") }
                let d = dst + op
                if offset >= 16 {
                    copy16(d, d - offset)
                    var k = 16
                    while k < length {
                        copy16(d + k, d - offset + k)
                        k &+= 16
                    }
                } else if offset >= 8 {
                    var k = 0
                    while k < length {
                        copy8(d + k, d - offset + k)
                        k &+= 8
                    }
                } else {
                    for k in 0..<length { d[k] = d[k - offset] }
                }
                op += length
                continue
            }
            ip += 1
            if tag & 3 == 0 {
                var length = Int(tag >> 2) + 1
                if length <= 16, srcEnd - ip >= 16, outEnd - op >= 16 {
                    copy16(dst + op, src + ip)
                    ip += length
                    op += length
                    continue
                }
                if length > 60 {
                    let extra = length - 60
                    guard ip + extra <= srcEnd else { throw ColumnarError("corrupt snappy data (literal length cut)") }
                    length = 0
                    for k in 0..<extra { length |= Int(src[ip + k]) << (8 * k) }
                    ip += extra
                    length += 1
                }
                guard length <= srcEnd - ip, length <= outEnd - op else { throw ColumnarError("corrupt snappy data (literal overruns)") }
                (dst + op).update(from: src + ip, count: length)
                ip += length
                op += length
                continue
            }
            // A copy near the end of the input or output, checked at every step.
            let (length, trailerBytes) = copyLength(tag)
            guard ip + trailerBytes <= srcEnd else { throw ColumnarError("corrupt snappy data (copy cut)") }
            var offset = tag & 3 == 1 ? Int(tag >> 5) << 8 : 0
            for k in 0..<trailerBytes { offset |= Int(src[ip + k]) << (8 * k) }
            ip += trailerBytes
            guard offset > 0, offset <= op, length <= outEnd - op else { throw ColumnarError("corrupt snappy data (copy out of range)") }
            let d = dst + op
            if offset >= length {
                d.update(from: d - offset, count: length)
            } else {
                for k in 0..<length { d[k] = d[k - offset] }
            }
            op += length
        }
        guard op == outEnd else { throw ColumnarError("corrupt snappy data (\(op) bytes decoded, \(outEnd) declared)") }
    }

    /// Compresses with a greedy hash-table match finder over 64 KB blocks, as Snappy's reference
    /// encoder does; any valid encoding decodes the same, so only speed and ratio depend on it.
    public static func compress(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32 + input.count + input.count / 6)
        var n = input.count
        while n >= 0x80 {
            out.append(UInt8(n & 0x7F) | 0x80)
            n >>= 7
        }
        out.append(UInt8(n))
        guard input.count > 0 else { return out }
        let src = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var table = [UInt16](repeating: 0, count: 1 << 14)
        var blockStart = 0
        while blockStart < input.count {
            let blockEnd = min(blockStart + 65536, input.count)
            compressBlock(src, blockStart, blockEnd, &table, &out)
            blockStart = blockEnd
        }
        return out
    }

    @inline(__always)
    private static func load32(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt32 {
        UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self)
    }

    private static func compressBlock(_ src: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ table: inout [UInt16], _ out: inout [UInt8]) {
        var literalStart = start
        if end - start >= 15 {
            for i in table.indices { table[i] = 0 }
            let limit = end - 4
            var ip = start + 1
            table.withUnsafeMutableBufferPointer { t in
                while ip <= limit {
                    let v = load32(src, ip)
                    let h = Int((v &* 0x1E35_A7BD) >> 18)
                    let candidate = start + Int(t[h])
                    t[h] = UInt16(ip - start)
                    if candidate < ip, load32(src, candidate) == v {
                        var length = 4
                        while ip + length < end, src[ip + length] == src[candidate + length] { length += 1 }
                        emitLiteral(src, literalStart, ip, &out)
                        emitCopy(offset: ip - candidate, length: length, &out)
                        ip += length
                        literalStart = ip
                        if ip <= limit {
                            let prev = ip - 1
                            t[Int((load32(src, prev) &* 0x1E35_A7BD) >> 18)] = UInt16(prev - start)
                        }
                    } else {
                        ip += 1 + (ip - literalStart) >> 5
                    }
                }
            }
        }
        emitLiteral(src, literalStart, end, &out)
    }

    private static func emitLiteral(_ src: UnsafePointer<UInt8>, _ from: Int, _ to: Int, _ out: inout [UInt8]) {
        let length = to - from
        guard length > 0 else { return }
        let n = length - 1
        if n < 60 {
            out.append(UInt8(n) << 2)
        } else if n < 256 {
            out.append(60 << 2)
            out.append(UInt8(n))
        } else {
            out.append(61 << 2)
            out.append(UInt8(n & 0xFF))
            out.append(UInt8(n >> 8))
        }
        out.append(contentsOf: UnsafeBufferPointer(start: src + from, count: length))
    }

    private static func emitCopy(offset: Int, length: Int, _ out: inout [UInt8]) {
        var remaining = length
        while remaining >= 68 {
            emitCopy2(offset, 64, &out)
            remaining -= 64
        }
        if remaining > 64 {
            emitCopy2(offset, 60, &out)
            remaining -= 60
        }
        if remaining < 12 && offset < 2048 && remaining >= 4 {
            out.append(UInt8(1 | ((remaining - 4) << 2) | ((offset >> 8) << 5)))
            out.append(UInt8(offset & 0xFF))
        } else {
            emitCopy2(offset, remaining, &out)
        }
    }

    private static func emitCopy2(_ offset: Int, _ length: Int, _ out: inout [UInt8]) {
        out.append(UInt8(2 | ((length - 1) << 2)))
        out.append(UInt8(offset & 0xFF))
        out.append(UInt8(offset >> 8))
    }
}
