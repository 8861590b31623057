import Testing
@testable import SiftColumnar

@Suite("Thrift compact protocol")
struct ThriftTests {
    @Test("a footer written by the encoder decodes to the same values; unknown fields are skipped")
    func footerRoundTrip() throws {
        let schema = [
            SchemaElement(name: "schema", numChildren: 2),
            SchemaElement(name: "text", type: .byteArray, repetition: .optional, convertedType: 0, logicalType: .string),
            SchemaElement(name: "n", type: .int64, repetition: .required),
        ]
        let meta = ColumnMetaData(type: .int64, encodings: [0, 3], pathInSchema: ["n"], codec: 6, numValues: 3,
                                  totalUncompressedSize: 100, totalCompressedSize: 80, dataPageOffset: 4,
                                  statistics: Statistics(nullCount: 0, minValue: [1, 0, 0, 0, 0, 0, 0, 0], maxValue: [9, 0, 0, 0, 0, 0, 0, 0]))
        let group = RowGroup(columns: [ColumnChunk(metaData: meta, fileOffset: 4), ColumnChunk(metaData: meta, fileOffset: 84)],
                             totalByteSize: 200, numRows: 3)
        let file = FileMetaData(version: 1, schema: schema, numRows: 3, rowGroups: [group],
                                keyValueMetadata: [KeyValue(key: "k", value: "v")], createdBy: "sift test")
        let bytes = file.encoded()
        let decoded = try bytes.withUnsafeBytes { try FileMetaData.decode($0) }
        #expect(decoded.numRows == 3)
        #expect(decoded.schema.map(\.name) == ["schema", "text", "n"])
        #expect(decoded.schema[1].logicalType == .string)
        #expect(decoded.rowGroups[0].columns[1].metaData?.statistics?.maxValue == [9, 0, 0, 0, 0, 0, 0, 0])
        #expect(decoded.keyValueMetadata.first?.value == "v")
        #expect(decoded.createdBy == "sift test")
    }

    @Test("skipping handles every type, including nested lists, maps and structs")
    func skipping() throws {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.field(1, i32: 7)
        w.beginListField(20, count: 2, elementType: .structure)
        w.beginStruct(); w.field(1, string: "a"); w.endStruct()
        w.beginStruct(); w.field(1, bool: true); w.endStruct()
        w.field(300, i64: -5)
        w.field(301, binary: [1, 2, 3])
        w.endStruct()
        let bytes = w.bytes
        try bytes.withUnsafeBytes { raw in
            var r = ThriftCompactReader(raw)
            try r.beginStruct()
            var ids: [Int16] = []
            while let f = try r.nextField() {
                ids.append(f.id)
                if f.id == 1 { #expect(try r.readI32() == 7) } else { try r.skip(f.type) }
            }
            #expect(ids == [1, 20, 300, 301])
            #expect(r.position == bytes.count)
        }
    }

    @Test("hostile input throws instead of allocating or recursing without bound")
    func hostile() throws {
        // A list header claiming 2^31-1 elements in a 6-byte buffer.
        let hugeList: [UInt8] = [0x19, 0xF8, 0xFF, 0xFF, 0xFF, 0x07]
        #expect(throws: ColumnarError.self) {
            try hugeList.withUnsafeBytes { raw in
                var r = ThriftCompactReader(raw)
                try r.beginStruct()
                while let f = try r.nextField() { try r.skip(f.type) }
            }
        }
        // Structs nested 10,000 deep.
        let deep = [UInt8](repeating: 0x1C, count: 10_000)
        #expect(throws: ColumnarError.self) {
            try deep.withUnsafeBytes { raw in
                var r = ThriftCompactReader(raw)
                try r.beginStruct()
                while let f = try r.nextField() { try r.skip(f.type) }
            }
        }
        // A string longer than its buffer.
        let longString: [UInt8] = [0x18, 0xFF, 0xFF, 0x03, 0x41]
        #expect(throws: ColumnarError.self) {
            try longString.withUnsafeBytes { raw in
                var r = ThriftCompactReader(raw)
                try r.beginStruct()
                while let f = try r.nextField() { _ = f; _ = try r.readBinary() }
            }
        }
    }
}
