/// Arrow's logical types as Sift reads them (the `Type` union of Arrow's `Schema.fbs`).
public indirect enum ArrowType: Sendable {
    case null
    case bool
    case int(bits: Int, signed: Bool)
    case float(bits: Int)
    case utf8, largeUtf8, binary, largeBinary
    case fixedSizeBinary(width: Int)
    case decimal(precision: Int, scale: Int, bits: Int)
    /// Days (32-bit) or milliseconds (64-bit) since the epoch.
    case date(millis: Bool)
    case time(unit: TimeUnitArrow, bits: Int)
    case timestamp(unit: TimeUnitArrow, timezone: String?)
    case duration(unit: TimeUnitArrow)
    case list, largeList
    case fixedSizeList(size: Int)
    case structure
    case map
    case unsupported(String)

    /// The unit of Arrow times; `second` has no Parquet counterpart.
    public enum TimeUnitArrow: Sendable { case second, milli, micro, nano }
}

public final class ArrowField: Sendable {
    public let name: String
    public let nullable: Bool
    public let type: ArrowType
    public let children: [ArrowField]
    /// For a dictionary-encoded field: the dictionary's id and the index type's width and sign.
    public let dictionary: (id: Int64, bits: Int, signed: Bool)?

    init(name: String, nullable: Bool, type: ArrowType, children: [ArrowField], dictionary: (id: Int64, bits: Int, signed: Bool)?) {
        self.name = name
        self.nullable = nullable
        self.type = type
        self.children = children
        self.dictionary = dictionary
    }

    static func decode(_ table: FlatBuffer.Table, depth: Int = 0) throws -> ArrowField {
        guard depth < 64 else { throw ColumnarError("Arrow schema nested deeper than 64 levels") }
        let name = try table.string(0) ?? ""
        let nullable = try table.bool(1)
        let typeType = try table.u8(2)
        let typeTable = try table.table(3)
        var dictionary: (Int64, Int, Bool)?
        if let encoding = try table.table(4) {
            let id = try encoding.i64(0)
            var bits = 32
            var signed = true
            if let indexType = try encoding.table(1) {
                bits = Int(try indexType.i32(0, default: 32))
                signed = try indexType.bool(1, default: true)
            }
            dictionary = (id, bits, signed)
        }
        let children = try table.tables(5).map { try ArrowField.decode($0, depth: depth + 1) }
        var type = try Self.type(typeType, typeTable)
        if let dictionary, ![8, 16, 32, 64].contains(dictionary.1) {
            type = .unsupported("dictionary indices of \(dictionary.1) bits")
        }
        return ArrowField(name: name, nullable: nullable, type: type, children: children, dictionary: dictionary)
    }

    private static func unit(_ raw: Int) -> ArrowType.TimeUnitArrow {
        switch raw {
        case 0: return .second
        case 1: return .milli
        case 2: return .micro
        default: return .nano
        }
    }

    private static func type(_ code: UInt8, _ t: FlatBuffer.Table?) throws -> ArrowType {
        switch code {
        case 1: return .null
        case 2:
            guard let t else { return .int(bits: 32, signed: true) }
            let bits = Int(try t.i32(0, default: 32))
            guard [8, 16, 32, 64].contains(bits) else { return .unsupported("\(bits)-bit integer") }
            return .int(bits: bits, signed: try t.bool(1))
        case 3:
            let precision = try t?.i16(0) ?? 2
            return .float(bits: precision == 0 ? 16 : precision == 1 ? 32 : 64)
        case 4: return .binary
        case 5: return .utf8
        case 6: return .bool
        case 7:
            guard let t else { throw ColumnarError("Arrow decimal without parameters") }
            let bits = Int(try t.i32(2, default: 128))
            guard [32, 64, 128, 256].contains(bits) else { return .unsupported("\(bits)-bit decimal") }
            return .decimal(precision: Int(try t.i32(0)), scale: Int(try t.i32(1)), bits: bits)
        case 8: return .date(millis: (try t?.i16(0, default: 1) ?? 1) == 1)
        case 9:
            let bits = Int(try t?.i32(1, default: 32) ?? 32)
            guard bits == 32 || bits == 64 else { return .unsupported("\(bits)-bit time") }
            return .time(unit: unit(try t?.i16(0, default: 1) ?? 1), bits: bits)
        case 10: return .timestamp(unit: unit(try t?.i16(0) ?? 0), timezone: try t?.string(1))
        case 12: return .list
        case 13: return .structure
        case 15: return .fixedSizeBinary(width: Int(try t?.i32(0) ?? 0))
        case 16: return .fixedSizeList(size: Int(try t?.i32(0) ?? 0))
        case 17: return .map
        case 18: return .duration(unit: unit(try t?.i16(0, default: 1) ?? 1))
        case 19: return .largeBinary
        case 20: return .largeUtf8
        case 21: return .largeList
        case 11: return .unsupported("interval")
        case 14: return .unsupported("union")
        case 22: return .unsupported("run-end encoded")
        case 23, 24: return .unsupported("string/binary view")
        case 25, 26: return .unsupported("list view")
        default: return .unsupported("type \(code)")
        }
    }
}
