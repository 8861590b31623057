import Foundation
import SiftColumnar
import SiftTestSupport
import Testing
@testable import SiftCore

/// Reading the Apache parquet-testing corpus against the files' documented contents (the
/// `*_expect.csv` files and the README's descriptions); scripts/parquet_parity.py compares every
/// file with pyarrow.
@Suite("Reading Parquet", .enabled(if: ParquetTesting.data != nil, Comment(rawValue: ParquetTesting.missing)))
struct ParquetReaderTests {
    static func read(_ name: String, options: ReadOptions = ReadOptions()) throws -> ReadResult {
        try readAll([ParquetTesting.file(name)!], options: options)
    }

    /// Each delta-encoded file equals its `_expect.csv`, cell by cell (empty CSV cells are nulls).
    @Test("delta encodings match the corpus's expected CSV", arguments: [
        "delta_binary_packed", "delta_byte_array", "delta_encoding_optional_column", "delta_encoding_required_column",
    ])
    func deltaExpected(_ name: String) throws {
        let parquet = try Self.read("\(name).parquet")
        let csv = try readAll([ParquetTesting.file("\(name)_expect.csv")!])
        #expect(parquet.malformed.isEmpty)
        #expect(parquet.records.count == csv.records.count)
        for (row, (p, c)) in zip(parquet.records, csv.records).enumerated() {
            let values = Array(p.fields.values)
            let expected = Array(c.fields.values)
            #expect(values.count == expected.count)
            for (k, (value, want)) in zip(values, expected).enumerated() {
                let text = want.stringValue ?? ""
                #expect(text.isEmpty ? value.isNull : value.scalarText == text, "row \(row) column \(k)")
            }
        }
    }

    @Test("alltypes_plain: the eight rows, INT96 timestamps as ISO 8601, rows located by row group")
    func allTypes() throws {
        let result = try Self.read("alltypes_plain.parquet")
        #expect(result.records.map { $0.fields["id"]?.intValue } == [4, 5, 6, 7, 2, 3, 0, 1])
        let first = result.records[0].fields
        #expect(first["bool_col"] == .bool(true))
        #expect(first["string_col"] == "0")
        #expect(first["timestamp_col"] == "2009-03-01T00:00:00")
        #expect(result.records[1].fields["double_col"] == .number("10.1"))
        #expect(result.records[3].location.line == 4 && result.records[3].location.rowGroup == 0)
        #expect(result.records[3].location.description.hasSuffix("alltypes_plain.parquet: row 4 (row group 0)"))
        #expect(result.stream.formats == [.parquet])
        #expect(result.stream.itemsSeen == 8)
    }

    @Test("nested lists, maps, structs and the legacy two-level list rebuild as JSON")
    func nested() throws {
        let old = try Self.read("old_list_structure.parquet")
        #expect(old.records.first?.fields["a"] == [[1, 2], [3, 4]])
        let maps = try Self.read("nested_maps.snappy.parquet")
        #expect(maps.records.first?.fields["a"] == ["a": ["1": true, "2": false]])
        let impala = try Self.read("nullable.impala.parquet")
        #expect(impala.records.count == 7)
        let row2 = impala.records[1].fields
        #expect(row2["int_array"] == [nil, 1, 2, nil, 3, nil])
        #expect(row2["int_array_Array"] == [[nil, 1, 2, nil], [3, nil, 4], [], nil])
        #expect(row2["int_map"] == ["k1": 2, "k2": nil])
        #expect(impala.records[5].fields["nested_struct"] == .null)
        let noValue = try Self.read("map_no_value.parquet")
        #expect(noValue.records.first?.fields["my_map_no_v"] == [1, 2, 3])
    }

    @Test("checksums: good pages read, a corrupt page is a located malformed item")
    func checksums() throws {
        #expect(try Self.read("datapage_v1-snappy-compressed-checksum.parquet").records.count == 5120)
        let corrupt = try Self.read("datapage_v1-corrupt-checksum.parquet")
        #expect(corrupt.records.isEmpty)
        let item = try #require(corrupt.malformed.first)
        #expect(item.rowGroup == 0 && item.rows == 5120 && item.line == 1)
        #expect(item.error.contains("column a, page 0: page checksum mismatch"))
        #expect(item.description.contains("datapage_v1-corrupt-checksum.parquet: row group 0, rows 1-5120"))
    }

    @Test("every codec: snappy, gzip (concatenated members), zstd, brotli, lz4 raw, Hadoop and plain lz4")
    func codecs() throws {
        #expect(try Self.read("concatenated_gzip_members.parquet").records.count == 513)
        #expect(try Self.read("hadoop_lz4_compressed_larger.parquet").records.count == 10000)
        #expect(try Self.read("non_hadoop_lz4_compressed.parquet").records.count == 4)
        #expect(try Self.read("lz4_raw_compressed_larger.parquet").records.count == 10000)
        #expect(try Self.read("byte_stream_split.zstd.parquet").records.count == 300)
        #expect(try Self.read("page_v2_empty_compressed.parquet").records.allSatisfy { $0.fields.values.allSatisfy(\.isNull) })
        // 1 GiB strings: past the default --max-record-bytes, refused with the page named.
        let large = try Self.read("large_string_map.brotli.parquet")
        #expect(large.malformed.first?.error.contains("page 0: page header promises 1073741828 uncompressed bytes") == true)
    }

    @Test("projection: only the asked fields are decoded")
    func projection() throws {
        var options = ReadOptions()
        options.fields = ["id", "string_col"]
        let result = try Self.read("alltypes_plain.parquet", options: options)
        #expect(result.records.first.map { Array($0.fields.keys) } == ["id", "string_col"])
    }

    @Test("encrypted files are refused as unsupported, not misread")
    func encrypted() throws {
        let result = try Self.read("uniform_encryption.parquet.encrypted")
        #expect(result.records.isEmpty)
        #expect(result.malformed.first?.error.hasPrefix("unsupported: encrypted Parquet file") == true)
    }
}
