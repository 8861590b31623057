/// PLAIN values of every physical type, and BYTE_STREAM_SPLIT for the fixed-width ones.
/// Reference: parquet-format `Encodings.md`.
enum PlainDecoding {
    /// Decodes `count` values; returns them and the bytes consumed. Every length is checked against
    /// the bytes present before anything is copied.
    static func decode(_ bytes: UnsafeRawBufferPointer, type: PhysicalType, typeLength: Int, count: Int) throws -> (ColumnValues, Int) {
        func need(_ n: Int) throws {
            guard n <= bytes.count else { throw ColumnarError("PLAIN data holds \(bytes.count) bytes, \(count) \(type.name) values need \(n)") }
        }
        switch type {
        case .boolean:
            let length = (count + 7) / 8
            try need(length)
            var out = [Bool]()
            out.reserveCapacity(count)
            for i in 0..<count { out.append(bytes[i >> 3] >> UInt8(i & 7) & 1 == 1) }
            return (.boolean(out), length)
        case .int32:
            try need(count * 4)
            return (.int32(load(bytes, count, as: Int32.self)), count * 4)
        case .int64:
            try need(count * 8)
            return (.int64(load(bytes, count, as: Int64.self)), count * 8)
        case .float:
            try need(count * 4)
            return (.float(load(bytes, count, as: UInt32.self).map { Float(bitPattern: $0) }), count * 4)
        case .double:
            try need(count * 8)
            return (.double(load(bytes, count, as: UInt64.self).map { Double(bitPattern: $0) }), count * 8)
        case .int96:
            try need(count * 12)
            var out = [Int96]()
            out.reserveCapacity(count)
            for i in 0..<count {
                let nanos = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 12, as: UInt64.self))
                let day = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 12 + 8, as: Int32.self))
                out.append(Int96(nanosOfDay: nanos, julianDay: day))
            }
            return (.int96(out), count * 12)
        case .fixedLenByteArray:
            guard typeLength >= 0 else { throw ColumnarError("FIXED_LEN_BYTE_ARRAY without a length") }
            try need(count * typeLength)
            var out = ByteArrays()
            out.data = Array(UnsafeRawBufferPointer(rebasing: bytes[0..<count * typeLength]))
            out.offsets = (0...count).map { $0 * typeLength }
            return (.bytes(out), count * typeLength)
        case .byteArray:
            // One copy of the values with their length prefixes, read as a page in place.
            let arrays = try byteArrays(inPage: Array(bytes), from: 0, count: count)
            return (.bytes(arrays), arrays.offsets[count] - arrays.gap)
        }
    }

    /// PLAIN byte arrays of a page, left where they are: `page` becomes the buffer, each value's
    /// length prefix the `gap` after the value before it. Every length is checked against the page
    /// before it is used.
    static func byteArrays(inPage page: [UInt8], from start: Int, count: Int) throws -> ByteArrays {
        var offsets = [Int]()
        offsets.reserveCapacity(count + 1)
        var position = start
        try page.withUnsafeBytes { bytes in
            for _ in 0..<count {
                guard position + 4 <= bytes.count else { throw ColumnarError("PLAIN byte array length cut at byte \(position - start)") }
                let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
                position += 4
                guard length <= bytes.count - position else {
                    throw ColumnarError("PLAIN byte array of \(length) bytes runs past its page (at byte \(position - start))")
                }
                offsets.append(position)
                position += length
            }
        }
        offsets.append(position + 4)
        var out = ByteArrays()
        out.data = page
        out.offsets = offsets
        out.gap = 4
        return out
    }

    private static func load<T: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, _ count: Int, as: T.Type) -> [T] {
        [T](unsafeUninitializedCapacity: count) { out, initialized in
            if count > 0 { UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<count * MemoryLayout<T>.size])) }
            for i in 0..<count { out[i] = T(littleEndian: out[i]) }
            initialized = count
        }
    }

    /// BYTE_STREAM_SPLIT: byte k of value i is at `k * count + i`.
    static func decodeByteStreamSplit(_ bytes: UnsafeRawBufferPointer, type: PhysicalType, typeLength: Int, count: Int) throws -> ColumnValues {
        let width: Int
        switch type {
        case .int32, .float: width = 4
        case .int64, .double: width = 8
        case .fixedLenByteArray: width = typeLength
        default: throw ColumnarError("BYTE_STREAM_SPLIT is not defined for \(type.name)")
        }
        guard width > 0, count * width <= bytes.count else {
            throw ColumnarError("BYTE_STREAM_SPLIT data holds \(bytes.count) bytes, \(count) values need \(count * width)")
        }
        var joined = [UInt8](repeating: 0, count: count * width)
        for k in 0..<width {
            let stream = k * count
            for i in 0..<count { joined[i * width + k] = bytes[stream + i] }
        }
        return try joined.withUnsafeBytes { raw in try decode(raw, type: type, typeLength: typeLength, count: count).0 }
    }
}
