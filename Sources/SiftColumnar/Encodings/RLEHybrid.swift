/// Parquet's RLE/bit-packing hybrid (levels, dictionary indices, RLE booleans) and the deprecated
/// BIT_PACKED level encoding.
///
/// Reference: parquet-format `Encodings.md`. A run header is a varint: low bit 0 means a repeated
/// run (`header >> 1` copies of one value stored in ceil(width/8) little-endian bytes), low bit 1 a
/// bit-packed run of `header >> 1` groups of 8 values, packed least significant bit first.
public struct RLEHybridDecoder {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    let bitWidth: Int
    // The current run: `remaining` values, repeated `value` or bit-packed from `packedStart`.
    private var remaining = 0
    private var isPacked = false
    private var value: UInt32 = 0
    private var packedBit = 0
    private var packedEnd = 0

    public init(_ bytes: UnsafeRawBufferPointer, bitWidth: Int) {
        self.bytes = bytes
        self.position = 0
        self.bitWidth = bitWidth
    }

    private mutating func readVarint() throws -> Int {
        var result = 0
        var shift = 0
        while true {
            guard position < bytes.count else { throw ColumnarError("RLE data ends early") }
            let b = bytes[position]
            position += 1
            result |= Int(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            guard shift < 35 else { throw ColumnarError("RLE run header too long") }
        }
    }

    private mutating func nextRun() throws {
        let header = try readVarint()
        if header & 1 == 0 {
            remaining = header >> 1
            isPacked = false
            let width = (bitWidth + 7) / 8
            guard position + width <= bytes.count else { throw ColumnarError("RLE data ends early") }
            var v: UInt32 = 0
            for k in 0..<width { v |= UInt32(bytes[position + k]) << (8 * k) }
            position += width
            value = v
            guard remaining > 0 else { throw ColumnarError("empty RLE run") }
        } else {
            let groups = header >> 1
            guard groups > 0 else { throw ColumnarError("empty bit-packed run") }
            isPacked = true
            remaining = groups * 8
            packedBit = position * 8
            // A last run may be cut short by the writer; values are read only as far as bytes exist.
            let length = min(groups * bitWidth, bytes.count - position)
            packedEnd = (position + length) * 8
            position += length
        }
    }

    /// Decodes `count` values into `out`, each checked to be at most `maxValue`.
    public mutating func decode<T: FixedWidthInteger>(into out: UnsafeMutableBufferPointer<T>, maxValue: UInt32) throws {
        var filled = 0
        let count = out.count
        let mask: UInt64 = bitWidth == 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
        while filled < count {
            if remaining == 0 {
                if bitWidth == 0 {
                    // Width 0: every value is 0 and no bytes are needed.
                    while filled < count { out[filled] = 0; filled += 1 }
                    return
                }
                try nextRun()
            }
            let n = min(remaining, count - filled)
            if !isPacked {
                guard value <= maxValue else { throw ColumnarError("value \(value) out of range (at most \(maxValue))") }
                let v = T(truncatingIfNeeded: value)
                (out.baseAddress! + filled).update(repeating: v, count: n)
            } else {
                guard packedBit + n * bitWidth <= packedEnd else { throw ColumnarError("bit-packed run ends early") }
                var bit = packedBit
                for k in 0..<n {
                    let byte = bit >> 3
                    let shift = bit & 7
                    var word: UInt64 = 0
                    let available = min(8, bytes.count - byte)
                    if available == 8 {
                        word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
                    } else {
                        for j in 0..<available { word |= UInt64(bytes[byte + j]) << (8 * UInt64(j)) }
                    }
                    let v = UInt32(truncatingIfNeeded: (word >> UInt64(shift)) & mask)
                    guard v <= maxValue else { throw ColumnarError("value \(v) out of range (at most \(maxValue))") }
                    out[filled + k] = T(truncatingIfNeeded: v)
                    bit += bitWidth
                }
                packedBit = bit
            }
            remaining -= n
            filled += n
        }
    }
}

public enum LevelDecoding {
    /// Bits needed for values up to `maxValue` (0 for 0).
    public static func bitWidth(_ maxValue: Int) -> Int {
        maxValue == 0 ? 0 : Int.bitWidth - maxValue.leadingZeroBitCount
    }

    /// The deprecated BIT_PACKED encoding: `count` values packed most significant bit first, no
    /// run headers. Returns the bytes used.
    public static func decodeBitPacked(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int, maxValue: UInt8,
                                       into out: inout [UInt8]) throws -> Int {
        let length = (count * bitWidth + 7) / 8
        guard length <= bytes.count else { throw ColumnarError("BIT_PACKED levels need \(length) bytes, the page has \(bytes.count)") }
        var bit = 0
        for _ in 0..<count {
            var v = 0
            for _ in 0..<bitWidth {
                let b = (bytes[bit >> 3] >> (7 - UInt8(bit & 7))) & 1
                v = v << 1 | Int(b)
                bit += 1
            }
            guard v <= maxValue else { throw ColumnarError("level \(v) above the column's maximum \(maxValue)") }
            out.append(UInt8(v))
        }
        return length
    }
}

/// Encodes values with the RLE/bit-packing hybrid: runs of equal values as repeated runs, the rest
/// bit-packed in groups of 8 (the way parquet-mr and Arrow write levels and indices). A bit-packed
/// run must hold whole groups of real values except at the very end, so a repeated run first lends
/// values to complete the group before it.
public struct RLEHybridEncoder {
    public let bitWidth: Int
    public private(set) var bytes: [UInt8] = []
    private var buffered: [UInt32] = []   // fewer than 8 values not yet in a group
    private var literals: [UInt32] = []   // whole groups of 8 for the current bit-packed run
    private var runValue: UInt32 = 0
    private var runCount = 0

    public init(bitWidth: Int) {
        self.bitWidth = bitWidth
    }

    public mutating func append(_ value: UInt32) {
        if runCount > 0 && value == runValue {
            runCount += 1
            return
        }
        endRun()
        runValue = value
        runCount = 1
    }

    private mutating func endRun() {
        guard runCount > 0 else { return }
        let lend = buffered.isEmpty ? 0 : 8 - buffered.count
        if runCount >= 8 + lend {
            for _ in 0..<lend { buffered.append(runValue) }
            runCount -= lend
            literals.append(contentsOf: buffered)
            buffered.removeAll(keepingCapacity: true)
            flushLiterals()
            writeVarint(runCount << 1)
            let width = (bitWidth + 7) / 8
            for k in 0..<width { bytes.append(UInt8(truncatingIfNeeded: runValue >> (8 * UInt32(k)))) }
        } else {
            for _ in 0..<runCount {
                buffered.append(runValue)
                if buffered.count == 8 {
                    literals.append(contentsOf: buffered)
                    buffered.removeAll(keepingCapacity: true)
                }
            }
        }
        runCount = 0
    }

    private mutating func writeVarint(_ value: Int) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private mutating func flushLiterals() {
        guard !literals.isEmpty else { return }
        while literals.count % 8 != 0 { literals.append(0) }
        writeVarint((literals.count / 8) << 1 | 1)
        var acc: UInt64 = 0
        var bits = 0
        for v in literals {
            acc |= UInt64(v) << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                bits -= 8
            }
        }
        if bits > 0 { bytes.append(UInt8(truncatingIfNeeded: acc)) }
        literals.removeAll(keepingCapacity: true)
    }

    /// Flushes everything and returns the encoded bytes. Only the last group may be padded with
    /// zeros; readers stop at the value count.
    public mutating func finish() -> [UInt8] {
        endRun()
        literals.append(contentsOf: buffered)
        buffered.removeAll()
        flushLiterals()
        return bytes
    }
}
