/// A page's header: its kind, sizes, optional CRC, and the kind-specific header. Sizes are checked
/// by `ColumnChunkReader` against the column chunk and the reader's limits before anything is
/// allocated for them.
public struct PageHeader: Sendable {
    public struct DataPage: Sendable {
        public var numValues: Int32
        public var encoding: Int32
        public var definitionLevelEncoding: Int32
        public var repetitionLevelEncoding: Int32
    }

    public struct DictionaryPage: Sendable {
        public var numValues: Int32
        public var encoding: Int32
    }

    public struct DataPageV2: Sendable {
        public var numValues: Int32
        public var numNulls: Int32
        public var numRows: Int32
        public var encoding: Int32
        public var definitionLevelsByteLength: Int32
        public var repetitionLevelsByteLength: Int32
        public var isCompressed: Bool
    }

    public var type: Int32
    public var uncompressedPageSize: Int32
    public var compressedPageSize: Int32
    public var crc: Int32?
    public var dataPage: DataPage?
    public var dictionaryPage: DictionaryPage?
    public var dataPageV2: DataPageV2?

    public init(type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil) {
        self.type = type.rawValue
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
    }

    /// Decodes a header at the start of `bytes`; returns it and its encoded length.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> (PageHeader, Int) {
        var reader = ThriftCompactReader(bytes)
        var header = PageHeader(type: .dataPage, uncompressedPageSize: -1, compressedPageSize: -1)
        var sawType = false
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32):
                header.type = try reader.readI32()
                sawType = true
            case (2, .i32): header.uncompressedPageSize = try reader.readI32()
            case (3, .i32): header.compressedPageSize = try reader.readI32()
            case (4, .i32): header.crc = try reader.readI32()
            case (5, .structure):
                var page = DataPage(numValues: -1, encoding: 0, definitionLevelEncoding: 3, repetitionLevelEncoding: 3)
                try reader.beginStruct()
                while let f = try reader.nextField() {
                    switch (f.id, f.type) {
                    case (1, .i32): page.numValues = try reader.readI32()
                    case (2, .i32): page.encoding = try reader.readI32()
                    case (3, .i32): page.definitionLevelEncoding = try reader.readI32()
                    case (4, .i32): page.repetitionLevelEncoding = try reader.readI32()
                    default: try reader.skip(f.type)
                    }
                }
                header.dataPage = page
            case (7, .structure):
                var page = DictionaryPage(numValues: -1, encoding: 0)
                try reader.beginStruct()
                while let f = try reader.nextField() {
                    switch (f.id, f.type) {
                    case (1, .i32): page.numValues = try reader.readI32()
                    case (2, .i32): page.encoding = try reader.readI32()
                    default: try reader.skip(f.type)
                    }
                }
                header.dictionaryPage = page
            case (8, .structure):
                var page = DataPageV2(numValues: -1, numNulls: 0, numRows: 0, encoding: 0, definitionLevelsByteLength: 0,
                                      repetitionLevelsByteLength: 0, isCompressed: true)
                try reader.beginStruct()
                while let f = try reader.nextField() {
                    switch (f.id, f.type) {
                    case (1, .i32): page.numValues = try reader.readI32()
                    case (2, .i32): page.numNulls = try reader.readI32()
                    case (3, .i32): page.numRows = try reader.readI32()
                    case (4, .i32): page.encoding = try reader.readI32()
                    case (5, .i32): page.definitionLevelsByteLength = try reader.readI32()
                    case (6, .i32): page.repetitionLevelsByteLength = try reader.readI32()
                    case (7, .boolTrue), (7, .boolFalse): page.isCompressed = f.bool
                    default: try reader.skip(f.type)
                    }
                }
                header.dataPageV2 = page
            default: try reader.skip(field.type)
            }
        }
        guard sawType else { throw ColumnarError("page header without a page type") }
        guard header.uncompressedPageSize >= 0, header.compressedPageSize >= 0 else {
            throw ColumnarError("page header with a negative or missing size")
        }
        return (header, reader.position)
    }

    public func encoded() -> [UInt8] {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.field(1, i32: type)
        w.field(2, i32: uncompressedPageSize)
        w.field(3, i32: compressedPageSize)
        if let crc { w.field(4, i32: crc) }
        if let page = dataPage {
            w.beginStructField(5)
            w.field(1, i32: page.numValues)
            w.field(2, i32: page.encoding)
            w.field(3, i32: page.definitionLevelEncoding)
            w.field(4, i32: page.repetitionLevelEncoding)
            w.endStruct()
        }
        if let page = dictionaryPage {
            w.beginStructField(7)
            w.field(1, i32: page.numValues)
            w.field(2, i32: page.encoding)
            w.endStruct()
        }
        w.endStruct()
        return w.bytes
    }
}
