/// Writes Thrift's compact protocol: the footer and page headers of the Parquet files Sift writes.
/// The mirror of `ThriftCompactReader`; fields must be written in increasing id order within a struct.
public struct ThriftCompactWriter {
    public private(set) var bytes: [UInt8] = []
    private var lastFieldIDs: [Int16] = []
    private var lastFieldID: Int16 = 0

    public init() {}

    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private mutating func writeZigzag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    private mutating func fieldHeader(_ id: Int16, _ type: ThriftCompactReader.FieldType) {
        let delta = id - lastFieldID
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeZigzag(Int64(id))
        }
        lastFieldID = id
    }

    public mutating func beginStruct() {
        lastFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    public mutating func endStruct() {
        bytes.append(0)
        lastFieldID = lastFieldIDs.popLast() ?? 0
    }

    public mutating func field(_ id: Int16, i32 value: Int32) {
        fieldHeader(id, .i32)
        writeZigzag(Int64(value))
    }

    public mutating func field(_ id: Int16, i64 value: Int64) {
        fieldHeader(id, .i64)
        writeZigzag(value)
    }

    public mutating func field(_ id: Int16, bool value: Bool) {
        fieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    public mutating func field(_ id: Int16, binary value: [UInt8]) {
        fieldHeader(id, .binary)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func field(_ id: Int16, string value: String) {
        field(id, binary: Array(value.utf8))
    }

    /// Starts a nested struct field; close it with `endStruct()`.
    public mutating func beginStructField(_ id: Int16) {
        fieldHeader(id, .structure)
        beginStruct()
    }

    /// An empty struct field (Parquet's logical-type markers such as `StringType`).
    public mutating func emptyStructField(_ id: Int16) {
        beginStructField(id)
        endStruct()
    }

    public mutating func beginListField(_ id: Int16, count: Int, elementType: ThriftCompactReader.FieldType) {
        fieldHeader(id, .list)
        listHeader(count: count, elementType: elementType)
    }

    public mutating func listHeader(count: Int, elementType: ThriftCompactReader.FieldType) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    public mutating func listElement(i32 value: Int32) { writeZigzag(Int64(value)) }
    public mutating func listElement(i64 value: Int64) { writeZigzag(value) }

    public mutating func listElement(string value: String) {
        let utf8 = Array(value.utf8)
        writeVarint(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}
