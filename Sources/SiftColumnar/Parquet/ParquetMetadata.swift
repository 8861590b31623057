/// The Parquet footer (`FileMetaData`) and the structures inside it, decoded from Thrift compact
/// and encoded back for the files Sift writes. Field ids follow parquet-format's `parquet.thrift`;
/// fields Sift does not use are skipped on reading and not written.
public struct SchemaElement: Sendable {
    public var type: PhysicalType?
    public var typeLength: Int32?
    public var repetition: Repetition?
    public var name: String
    public var numChildren: Int32?
    public var convertedType: Int32?
    public var scale: Int32?
    public var precision: Int32?
    public var fieldID: Int32?
    public var logicalType: LogicalType?

    public init(name: String, type: PhysicalType? = nil, typeLength: Int32? = nil, repetition: Repetition? = nil,
                numChildren: Int32? = nil, convertedType: Int32? = nil, logicalType: LogicalType? = nil) {
        self.name = name
        self.type = type
        self.typeLength = typeLength
        self.repetition = repetition
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.logicalType = logicalType
    }

    /// The logical type, from `logicalType` or else from the legacy `converted_type`.
    public var effectiveLogicalType: LogicalType? {
        if let logicalType { return logicalType }
        guard let convertedType else { return nil }
        switch convertedType {
        case 0: return .string
        case 1: return .map
        case 2: return .mapKeyValue
        case 3: return .list
        case 4: return .enumeration
        case 5: return .decimal(scale: scale ?? 0, precision: precision ?? 0)
        case 6: return .date
        case 7: return .time(adjustedToUTC: true, unit: .millis)
        case 8: return .time(adjustedToUTC: true, unit: .micros)
        case 9: return .timestamp(adjustedToUTC: true, unit: .millis)
        case 10: return .timestamp(adjustedToUTC: true, unit: .micros)
        case 11: return .integer(bitWidth: 8, signed: false)
        case 12: return .integer(bitWidth: 16, signed: false)
        case 13: return .integer(bitWidth: 32, signed: false)
        case 14: return .integer(bitWidth: 64, signed: false)
        case 15: return .integer(bitWidth: 8, signed: true)
        case 16: return .integer(bitWidth: 16, signed: true)
        case 17: return .integer(bitWidth: 32, signed: true)
        case 18: return .integer(bitWidth: 64, signed: true)
        case 19: return .json
        case 20: return .bson
        case 21: return .interval
        default: return nil
        }
    }
}

public struct Statistics: Sendable {
    public var max: [UInt8]?
    public var min: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var maxValue: [UInt8]?
    public var minValue: [UInt8]?

    public init(nullCount: Int64? = nil, minValue: [UInt8]? = nil, maxValue: [UInt8]? = nil) {
        self.nullCount = nullCount
        self.minValue = minValue
        self.maxValue = maxValue
    }
}

public struct KeyValue: Sendable {
    public var key: String
    public var value: String?

    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

public struct ColumnMetaData: Sendable {
    public var type: PhysicalType
    public var encodings: [Int32]
    public var pathInSchema: [String]
    public var codec: Int32
    public var numValues: Int64
    public var totalUncompressedSize: Int64
    public var totalCompressedSize: Int64
    public var dataPageOffset: Int64
    public var indexPageOffset: Int64?
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?

    public init(type: PhysicalType, encodings: [Int32], pathInSchema: [String], codec: Int32, numValues: Int64,
                totalUncompressedSize: Int64, totalCompressedSize: Int64, dataPageOffset: Int64,
                dictionaryPageOffset: Int64? = nil, statistics: Statistics? = nil) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.dataPageOffset = dataPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
    }
}

public struct ColumnChunk: Sendable {
    public var filePath: String?
    public var fileOffset: Int64 = 0
    public var metaData: ColumnMetaData?
    /// Set when the chunk carries crypto metadata (Parquet modular encryption).
    public var isEncrypted = false

    public init(metaData: ColumnMetaData?, fileOffset: Int64 = 0) {
        self.metaData = metaData
        self.fileOffset = fileOffset
    }
}

public struct RowGroup: Sendable {
    public var columns: [ColumnChunk]
    public var totalByteSize: Int64
    public var numRows: Int64
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?

    public init(columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64, fileOffset: Int64? = nil, totalCompressedSize: Int64? = nil) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
    }
}

public struct FileMetaData: Sendable {
    public var version: Int32
    public var schema: [SchemaElement]
    public var numRows: Int64
    public var rowGroups: [RowGroup]
    public var keyValueMetadata: [KeyValue]
    public var createdBy: String?
    /// Set when the footer names an encryption algorithm (an encrypted file with a plaintext footer).
    public var isEncrypted = false

    public init(version: Int32, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
                keyValueMetadata: [KeyValue] = [], createdBy: String? = nil) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
    }
}

extension ColumnMetaData {
    /// Where the chunk's first page is: the dictionary page when there is one before the data
    /// pages (some writers leave `data_page_offset` 0 in an empty chunk with a dictionary).
    public var chunkStart: Int {
        if let dict = dictionaryPageOffset, dict > 0, dict < dataPageOffset || dataPageOffset < 4 { return Int(dict) }
        return Int(dataPageOffset)
    }
}

// MARK: - Decoding

extension FileMetaData {
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> FileMetaData {
        var reader = ThriftCompactReader(bytes)
        var result = FileMetaData(version: 0, schema: [], numRows: 0, rowGroups: [])
        var sawSchema = false
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): result.version = try reader.readI32()
            case (2, .list):
                let (count, _) = try reader.readListHeader()
                result.schema.reserveCapacity(count)
                for _ in 0..<count { result.schema.append(try SchemaElement.decode(&reader)) }
                sawSchema = true
            case (3, .i64): result.numRows = try reader.readI64()
            case (4, .list):
                let (count, _) = try reader.readListHeader()
                result.rowGroups.reserveCapacity(count)
                for _ in 0..<count { result.rowGroups.append(try RowGroup.decode(&reader)) }
            case (5, .list):
                let (count, _) = try reader.readListHeader()
                for _ in 0..<count { result.keyValueMetadata.append(try KeyValue.decode(&reader)) }
            case (6, .binary): result.createdBy = try reader.readString()
            case (8, _):
                result.isEncrypted = true
                try reader.skip(field.type)
            default: try reader.skip(field.type)
            }
        }
        guard sawSchema, !result.schema.isEmpty else { throw ColumnarError("footer has no schema") }
        return result
    }
}

extension SchemaElement {
    static func decode(_ reader: inout ThriftCompactReader) throws -> SchemaElement {
        var element = SchemaElement(name: "")
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32):
                let raw = try reader.readI32()
                guard let type = PhysicalType(rawValue: raw) else { throw ColumnarError("unknown physical type \(raw)") }
                element.type = type
            case (2, .i32): element.typeLength = try reader.readI32()
            case (3, .i32):
                let raw = try reader.readI32()
                guard let repetition = Repetition(rawValue: raw) else {
                    throw ColumnarError("field repetition \(raw) (VECTOR or newer) is not supported", unsupported: true)
                }
                element.repetition = repetition
            case (4, .binary): element.name = try reader.readString()
            case (5, .i32): element.numChildren = try reader.readI32()
            case (6, .i32): element.convertedType = try reader.readI32()
            case (7, .i32): element.scale = try reader.readI32()
            case (8, .i32): element.precision = try reader.readI32()
            case (9, .i32): element.fieldID = try reader.readI32()
            case (10, .structure): element.logicalType = try LogicalType.decode(&reader)
            default: try reader.skip(field.type)
            }
        }
        return element
    }
}

extension LogicalType {
    static func decode(_ reader: inout ThriftCompactReader) throws -> LogicalType? {
        var result: LogicalType?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            guard field.type == .structure else {
                try reader.skip(field.type)
                continue
            }
            switch field.id {
            case 1: result = .string
            case 2: result = .map
            case 3: result = .list
            case 4: result = .enumeration
            case 5:
                var scale: Int32 = 0, precision: Int32 = 0
                try reader.beginStruct()
                while let f = try reader.nextField() {
                    switch (f.id, f.type) {
                    case (1, .i32): scale = try reader.readI32()
                    case (2, .i32): precision = try reader.readI32()
                    default: try reader.skip(f.type)
                    }
                }
                result = .decimal(scale: scale, precision: precision)
                continue
            case 6: result = .date
            case 7, 8:
                var utc = false
                var unit = TimeUnit.millis
                try reader.beginStruct()
                while let f = try reader.nextField() {
                    switch (f.id, f.type) {
                    case (1, .boolTrue), (1, .boolFalse): utc = f.bool
                    case (2, .structure): unit = try decodeUnit(&reader)
                    default: try reader.skip(f.type)
                    }
                }
                result = field.id == 7 ? .time(adjustedToUTC: utc, unit: unit) : .timestamp(adjustedToUTC: utc, unit: unit)
                continue
            case 10:
                var width: Int8 = 64
                var signed = true
                try reader.beginStruct()
                while let f = try reader.nextField() {
                    switch (f.id, f.type) {
                    case (1, .byte): width = Int8(bitPattern: try reader.readByte())
                    case (2, .boolTrue), (2, .boolFalse): signed = f.bool
                    default: try reader.skip(f.type)
                    }
                }
                result = .integer(bitWidth: width, signed: signed)
                continue
            case 11: result = .null
            case 12: result = .json
            case 13: result = .bson
            case 14: result = .uuid
            case 15: result = .float16
            case 16: result = .variant
            case 17: result = .geometry
            case 18: result = .geography
            default: result = .unknown(id: field.id)
            }
            try reader.skip(.structure)
        }
        return result
    }

    private static func decodeUnit(_ reader: inout ThriftCompactReader) throws -> TimeUnit {
        var unit = TimeUnit.millis
        try reader.beginStruct()
        while let f = try reader.nextField() {
            switch f.id {
            case 1: unit = .millis
            case 2: unit = .micros
            case 3: unit = .nanos
            default: break
            }
            try reader.skip(f.type)
        }
        return unit
    }
}

extension KeyValue {
    static func decode(_ reader: inout ThriftCompactReader) throws -> KeyValue {
        var kv = KeyValue(key: "", value: nil)
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .binary): kv.key = try reader.readString()
            case (2, .binary): kv.value = try reader.readString()
            default: try reader.skip(field.type)
            }
        }
        return kv
    }
}

extension RowGroup {
    static func decode(_ reader: inout ThriftCompactReader) throws -> RowGroup {
        var group = RowGroup(columns: [], totalByteSize: 0, numRows: 0)
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .list):
                let (count, _) = try reader.readListHeader()
                group.columns.reserveCapacity(count)
                for _ in 0..<count { group.columns.append(try ColumnChunk.decode(&reader)) }
            case (2, .i64): group.totalByteSize = try reader.readI64()
            case (3, .i64): group.numRows = try reader.readI64()
            case (5, .i64): group.fileOffset = try reader.readI64()
            case (6, .i64): group.totalCompressedSize = try reader.readI64()
            default: try reader.skip(field.type)
            }
        }
        return group
    }
}

extension ColumnChunk {
    static func decode(_ reader: inout ThriftCompactReader) throws -> ColumnChunk {
        var chunk = ColumnChunk(metaData: nil)
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .binary): chunk.filePath = try reader.readString()
            case (2, .i64): chunk.fileOffset = try reader.readI64()
            case (3, .structure): chunk.metaData = try ColumnMetaData.decode(&reader)
            case (8, _), (9, _):
                chunk.isEncrypted = true
                try reader.skip(field.type)
            default: try reader.skip(field.type)
            }
        }
        return chunk
    }
}

extension ColumnMetaData {
    static func decode(_ reader: inout ThriftCompactReader) throws -> ColumnMetaData {
        var meta = ColumnMetaData(type: .int32, encodings: [], pathInSchema: [], codec: 0, numValues: 0,
                                  totalUncompressedSize: 0, totalCompressedSize: 0, dataPageOffset: -1)
        var sawType = false
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32):
                let raw = try reader.readI32()
                guard let type = PhysicalType(rawValue: raw) else { throw ColumnarError("unknown physical type \(raw)") }
                meta.type = type
                sawType = true
            case (2, .list): meta.encodings = try reader.readI32List()
            case (3, .list): meta.pathInSchema = try reader.readStringList()
            case (4, .i32): meta.codec = try reader.readI32()
            case (5, .i64): meta.numValues = try reader.readI64()
            case (6, .i64): meta.totalUncompressedSize = try reader.readI64()
            case (7, .i64): meta.totalCompressedSize = try reader.readI64()
            case (9, .i64): meta.dataPageOffset = try reader.readI64()
            case (10, .i64): meta.indexPageOffset = try reader.readI64()
            case (11, .i64): meta.dictionaryPageOffset = try reader.readI64()
            case (12, .structure): meta.statistics = try Statistics.decode(&reader)
            default: try reader.skip(field.type)
            }
        }
        guard sawType else { throw ColumnarError("column metadata without a type") }
        return meta
    }
}

extension Statistics {
    static func decode(_ reader: inout ThriftCompactReader) throws -> Statistics {
        var stats = Statistics()
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .binary): stats.max = try reader.readBinary()
            case (2, .binary): stats.min = try reader.readBinary()
            case (3, .i64): stats.nullCount = try reader.readI64()
            case (4, .i64): stats.distinctCount = try reader.readI64()
            case (5, .binary): stats.maxValue = try reader.readBinary()
            case (6, .binary): stats.minValue = try reader.readBinary()
            default: try reader.skip(field.type)
            }
        }
        return stats
    }
}

// MARK: - Encoding

extension FileMetaData {
    public func encoded() -> [UInt8] {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.field(1, i32: version)
        w.beginListField(2, count: schema.count, elementType: .structure)
        for element in schema { element.encode(&w) }
        w.field(3, i64: numRows)
        w.beginListField(4, count: rowGroups.count, elementType: .structure)
        for group in rowGroups { group.encode(&w) }
        if !keyValueMetadata.isEmpty {
            w.beginListField(5, count: keyValueMetadata.count, elementType: .structure)
            for kv in keyValueMetadata {
                w.beginStruct()
                w.field(1, string: kv.key)
                if let value = kv.value { w.field(2, string: value) }
                w.endStruct()
            }
        }
        if let createdBy { w.field(6, string: createdBy) }
        // column_orders: TYPE_ORDER for every leaf, so readers trust min_value/max_value.
        let leaves = schema.filter { $0.type != nil }.count
        w.beginListField(7, count: leaves, elementType: .structure)
        for _ in 0..<leaves {
            w.beginStruct()
            w.emptyStructField(1)
            w.endStruct()
        }
        w.endStruct()
        return w.bytes
    }
}

extension SchemaElement {
    func encode(_ w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let type { w.field(1, i32: type.rawValue) }
        if let typeLength { w.field(2, i32: typeLength) }
        if let repetition { w.field(3, i32: repetition.rawValue) }
        w.field(4, string: name)
        if let numChildren { w.field(5, i32: numChildren) }
        if let convertedType { w.field(6, i32: convertedType) }
        if let scale { w.field(7, i32: scale) }
        if let precision { w.field(8, i32: precision) }
        if let logicalType {
            w.beginStructField(10)
            switch logicalType {
            case .string: w.emptyStructField(1)
            case .map: w.emptyStructField(2)
            case .list: w.emptyStructField(3)
            case .json: w.emptyStructField(12)
            case .timestamp(let utc, let unit):
                w.beginStructField(8)
                w.field(1, bool: utc)
                w.beginStructField(2)
                w.emptyStructField(unit == .millis ? 1 : unit == .micros ? 2 : 3)
                w.endStruct()
                w.endStruct()
            default: break
            }
            w.endStruct()
        }
        w.endStruct()
    }
}

extension RowGroup {
    func encode(_ w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.beginListField(1, count: columns.count, elementType: .structure)
        for chunk in columns {
            w.beginStruct()
            w.field(2, i64: chunk.fileOffset)
            if let meta = chunk.metaData {
                w.beginStructField(3)
                meta.encodeFields(&w)
                w.endStruct()
            }
            w.endStruct()
        }
        w.field(2, i64: totalByteSize)
        w.field(3, i64: numRows)
        if let fileOffset { w.field(5, i64: fileOffset) }
        if let totalCompressedSize { w.field(6, i64: totalCompressedSize) }
        w.endStruct()
    }
}

extension ColumnMetaData {
    func encodeFields(_ w: inout ThriftCompactWriter) {
        w.field(1, i32: type.rawValue)
        w.beginListField(2, count: encodings.count, elementType: .i32)
        for e in encodings { w.listElement(i32: e) }
        w.beginListField(3, count: pathInSchema.count, elementType: .binary)
        for p in pathInSchema { w.listElement(string: p) }
        w.field(4, i32: codec)
        w.field(5, i64: numValues)
        w.field(6, i64: totalUncompressedSize)
        w.field(7, i64: totalCompressedSize)
        w.field(9, i64: dataPageOffset)
        if let dictionaryPageOffset { w.field(11, i64: dictionaryPageOffset) }
        if let statistics {
            w.beginStructField(12)
            statistics.encodeFields(&w)
            w.endStruct()
        }
    }
}

extension Statistics {
    func encodeFields(_ w: inout ThriftCompactWriter) {
        if let max { w.field(1, binary: max) }
        if let min { w.field(2, binary: min) }
        if let nullCount { w.field(3, i64: nullCount) }
        if let distinctCount { w.field(4, i64: distinctCount) }
        if let maxValue { w.field(5, binary: maxValue) }
        if let minValue { w.field(6, binary: minValue) }
    }
}
