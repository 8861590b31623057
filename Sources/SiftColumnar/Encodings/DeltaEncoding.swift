/// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY.
///
/// Reference: parquet-format `Encodings.md`. A delta-packed stream is a header (block size,
/// miniblocks per block, total count, first value as a zigzag varint), then blocks: the minimum
/// delta (zigzag varint), one bit width per miniblock, and the miniblocks' (delta - min) values
/// bit-packed least significant bit first. Arithmetic wraps, as the writer's did.
enum DeltaDecoding {
    /// Decodes a DELTA_BINARY_PACKED stream; returns the values and the bytes consumed. `maxCount`
    /// bounds the count the header may declare (the page's value count).
    static func decodeIntegers(_ bytes: UnsafeRawBufferPointer, maxCount: Int) throws -> ([Int64], Int) {
        var position = 0
        func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard position < bytes.count else { throw ColumnarError("delta-encoded data ends early") }
                let b = bytes[position]
                position += 1
                result |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return result }
                shift += 7
                guard shift < 64 else { throw ColumnarError("delta varint too long") }
            }
        }
        func zigzag() throws -> Int64 {
            let v = try varint()
            return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
        }
        let blockSize = try varint()
        let miniblocks = try varint()
        let total = try varint()
        var last = try zigzag()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0,
              (blockSize / miniblocks) % 32 == 0 else {
            throw ColumnarError("invalid DELTA_BINARY_PACKED header (block \(blockSize), miniblocks \(miniblocks))")
        }
        guard total <= UInt64(maxCount) else { throw ColumnarError("DELTA_BINARY_PACKED declares \(total) values, the page holds \(maxCount)") }
        let count = Int(total)
        let perMiniblock = Int(blockSize / miniblocks)
        var values = [Int64]()
        values.reserveCapacity(count)
        if count > 0 { values.append(last) }
        while values.count < count {
            let minDelta = try zigzag()
            let widthsStart = position
            guard position + Int(miniblocks) <= bytes.count else { throw ColumnarError("delta block header cut") }
            position += Int(miniblocks)
            for m in 0..<Int(miniblocks) where values.count < count {
                let width = Int(bytes[widthsStart + m])
                guard width <= 64 else { throw ColumnarError("delta miniblock bit width \(width)") }
                let length = perMiniblock * width / 8
                let needed = min(perMiniblock, count - values.count)
                let available = min(length, bytes.count - position)
                guard (needed * width + 7) / 8 <= available else { throw ColumnarError("delta miniblock cut") }
                var bit = position * 8
                for _ in 0..<needed {
                    var raw: UInt64 = 0
                    if width > 0 {
                        var got = 0
                        while got < width {
                            let byte = bytes[bit >> 3]
                            let offset = bit & 7
                            let take = min(8 - offset, width - got)
                            raw |= UInt64((byte >> UInt8(offset)) & UInt8(truncatingIfNeeded: (1 << take) - 1)) << UInt64(got)
                            got += take
                            bit += take
                        }
                    }
                    last = last &+ minDelta &+ Int64(bitPattern: raw)
                    values.append(last)
                }
                position += available
            }
        }
        return (values, position)
    }

    static func decodeLengthByteArrays(_ bytes: UnsafeRawBufferPointer, maxCount: Int) throws -> (ByteArrays, Int) {
        let (lengths, used) = try decodeIntegers(bytes, maxCount: maxCount)
        var out = ByteArrays()
        out.offsets.reserveCapacity(lengths.count + 1)
        var position = used
        for length in lengths {
            guard length >= 0, length <= Int64(bytes.count - position) else { throw ColumnarError("DELTA_LENGTH_BYTE_ARRAY value runs past its page") }
            out.append(UnsafeRawBufferPointer(rebasing: bytes[position..<position + Int(length)]))
            position += Int(length)
        }
        return (out, position)
    }

    static func decodeByteArrays(_ bytes: UnsafeRawBufferPointer, maxCount: Int, limit: Int) throws -> ByteArrays {
        let (prefixes, used) = try decodeIntegers(bytes, maxCount: maxCount)
        let (suffixes, _) = try decodeLengthByteArrays(UnsafeRawBufferPointer(rebasing: bytes[used...]), maxCount: maxCount)
        guard suffixes.count == prefixes.count else { throw ColumnarError("DELTA_BYTE_ARRAY has \(prefixes.count) prefixes and \(suffixes.count) suffixes") }
        var out = ByteArrays()
        out.offsets.reserveCapacity(prefixes.count + 1)
        var previous = 0..<0
        for i in 0..<prefixes.count {
            let prefix = prefixes[i]
            guard prefix >= 0, prefix <= Int64(previous.count) else { throw ColumnarError("DELTA_BYTE_ARRAY prefix \(prefix) longer than the previous value") }
            let start = out.data.count
            out.data.append(contentsOf: out.data[previous.lowerBound..<previous.lowerBound + Int(prefix)])
            out.data.append(contentsOf: suffixes.data[suffixes.range(i)])
            // Prefixes can repeat a long value cheaply: bound the expansion.
            guard out.data.count <= limit else { throw ColumnarError("DELTA_BYTE_ARRAY values exceed the \(limit)-byte page limit") }
            out.offsets.append(out.data.count)
            previous = start..<out.data.count
        }
        return out
    }
}
