/// Reads Thrift's compact protocol (the encoding of Parquet's footer and page headers), bounds-checked
/// at every step: a hostile file can make it throw, never read past its buffer, recurse without
/// limit, or allocate more than the bytes it holds.
///
/// Reference: Apache Thrift, "Thrift Compact protocol encoding" (doc/specs/thrift-compact-protocol.md).
/// Field headers carry a field-id delta in the high nibble (0 means a zigzag i16 id follows) and the
/// type in the low nibble; integers are zigzag varints; lists carry size and element type in one byte.
public struct ThriftCompactReader {
    public enum FieldType: UInt8, Sendable {
        case stop = 0, boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
        case binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    public struct FieldHeader {
        public var id: Int16
        public var type: FieldType
        /// For a boolean field, its value (compact encodes it in the type nibble).
        public var bool: Bool { type == .boolTrue }
    }

    let bytes: UnsafeRawBufferPointer
    public private(set) var position: Int
    private var lastFieldIDs: [Int16] = []
    private var lastFieldID: Int16 = 0
    /// Deepest struct/list nesting accepted; Parquet's own metadata nests fewer than 10 levels.
    static let maxDepth = 64

    public init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    @inline(__always)
    public mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else { throw ColumnarError("Thrift data ends early (at byte \(position))") }
        let b = bytes[position]
        position += 1
        return b
    }

    public mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw ColumnarError("Thrift varint longer than 10 bytes") }
        }
    }

    public mutating func readI64() throws -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    public mutating func readI32() throws -> Int32 {
        let v = try readI64()
        guard let narrowed = Int32(exactly: v) else { throw ColumnarError("Thrift i32 out of range (\(v))") }
        return narrowed
    }

    public mutating func readI16() throws -> Int16 {
        let v = try readI64()
        guard let narrowed = Int16(exactly: v) else { throw ColumnarError("Thrift i16 out of range (\(v))") }
        return narrowed
    }

    public mutating func readDouble() throws -> Double {
        guard position + 8 <= bytes.count else { throw ColumnarError("Thrift data ends early (at byte \(position))") }
        let bits = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position += 8
        return Double(bitPattern: UInt64(littleEndian: bits))
    }

    /// A length-prefixed byte string; the length is checked against the bytes left before copying.
    public mutating func readBinary() throws -> [UInt8] {
        let range = try readBinaryRange()
        return Array(bytes[range])
    }

    public mutating func readBinaryRange() throws -> Range<Int> {
        let length = try readVarint()
        guard length <= UInt64(bytes.count - position) else {
            throw ColumnarError("Thrift string of \(length) bytes runs past the end of its \(bytes.count)-byte block")
        }
        let start = position
        position += Int(length)
        return start..<position
    }

    public mutating func readString() throws -> String {
        let range = try readBinaryRange()
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    public mutating func beginStruct() throws {
        guard lastFieldIDs.count < Self.maxDepth else { throw ColumnarError("Thrift structures nested deeper than \(Self.maxDepth)") }
        lastFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    public mutating func endStruct() {
        lastFieldID = lastFieldIDs.popLast() ?? 0
    }

    /// The next field's header, or nil at the struct's stop byte (which ends the struct).
    public mutating func nextField() throws -> FieldHeader? {
        let header = try readByte()
        guard let type = FieldType(rawValue: header & 0x0F) else { throw ColumnarError("unknown Thrift field type \(header & 0x0F)") }
        if type == .stop {
            endStruct()
            return nil
        }
        let delta = Int16(header >> 4)
        let id: Int16 = delta == 0 ? try readI16() : lastFieldID &+ delta
        lastFieldID = id
        return FieldHeader(id: id, type: type)
    }

    /// A list (or set) header: element count and type. The count is bounded by the bytes left, since
    /// every element takes at least one byte (booleans included), so a huge count cannot allocate.
    public mutating func readListHeader() throws -> (count: Int, type: FieldType) {
        let header = try readByte()
        var count = Int(header >> 4)
        if count == 15 {
            let long = try readVarint()
            guard long <= UInt64(Int32.max) else { throw ColumnarError("Thrift list of \(long) elements") }
            count = Int(long)
        }
        guard let type = FieldType(rawValue: header & 0x0F) else { throw ColumnarError("unknown Thrift element type \(header & 0x0F)") }
        guard count <= bytes.count - position else {
            throw ColumnarError("Thrift list of \(count) elements in \(bytes.count - position) remaining bytes")
        }
        return (count, type)
    }

    /// A list element of type bool: compact writes one byte, 1 for true (some writers use 0 for false).
    public mutating func readListBool() throws -> Bool { try readByte() == 1 }

    public mutating func readI32List() throws -> [Int32] {
        let (count, type) = try readListHeader()
        guard type == .i32 || type == .i16 || type == .byte || count == 0 else { throw ColumnarError("expected a Thrift list of integers") }
        var out: [Int32] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(type == .byte ? Int32(Int8(bitPattern: try readByte())) : try readI32()) }
        return out
    }

    public mutating func readStringList() throws -> [String] {
        let (count, type) = try readListHeader()
        guard type == .binary || count == 0 else { throw ColumnarError("expected a Thrift list of strings") }
        var out: [String] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try readString()) }
        return out
    }

    /// Skips a value of any type, so that fields a newer writer added are ignored.
    public mutating func skip(_ type: FieldType) throws {
        try skip(type, depth: 0)
    }

    private mutating func skip(_ type: FieldType, depth: Int) throws {
        guard depth < Self.maxDepth else { throw ColumnarError("Thrift values nested deeper than \(Self.maxDepth)") }
        switch type {
        case .stop: throw ColumnarError("unexpected Thrift stop byte")
        case .boolTrue, .boolFalse: return
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double:
            guard position + 8 <= bytes.count else { throw ColumnarError("Thrift data ends early (at byte \(position))") }
            position += 8
        case .binary: _ = try readBinaryRange()
        case .list, .set:
            let (count, elementType) = try readListHeader()
            for _ in 0..<count {
                if elementType == .boolTrue || elementType == .boolFalse { _ = try readByte() } else { try skip(elementType, depth: depth + 1) }
            }
        case .map:
            let count = try readVarint()
            guard count <= UInt64(bytes.count - position) else { throw ColumnarError("Thrift map of \(count) entries runs past its block") }
            guard count > 0 else { return }
            let types = try readByte()
            guard let keyType = FieldType(rawValue: types >> 4), let valueType = FieldType(rawValue: types & 0x0F) else {
                throw ColumnarError("unknown Thrift map types")
            }
            for _ in 0..<count {
                if keyType == .boolTrue || keyType == .boolFalse { _ = try readByte() } else { try skip(keyType, depth: depth + 1) }
                if valueType == .boolTrue || valueType == .boolFalse { _ = try readByte() } else { try skip(valueType, depth: depth + 1) }
            }
        case .structure:
            try beginStruct()
            while let field = try nextField() { try skip(field.type, depth: depth + 1) }
        }
    }
}
