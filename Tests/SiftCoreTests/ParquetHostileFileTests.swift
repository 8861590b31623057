import Foundation
import SiftColumnar
import SiftTestSupport
import Testing
@testable import SiftCore

/// Bad and hostile Parquet files: each ends as a located malformed item (file, row group, column,
/// page), never a crash, a hang or an allocation the file merely asks for.
@Suite("Hostile Parquet files")
struct ParquetHostileFileTests {
    /// A valid file: two row groups of chat-like records, uncompressed unless asked.
    static func validFile(_ dir: TemporaryDirectory, compression: ParquetCompression = .uncompressed, rows: Int = 60) throws -> (String, [UInt8]) {
        let path = dir.path("valid-\(compression).parquet")
        let writer = try DatasetWriter(path: path, compression: compression, rowGroupBytes: 2000)
        for i in 0..<rows {
            try writer.write(["id": .integer(i), "label": .string(["a", "b", "c"][i % 3]),
                              "messages": [["role": "user", "content": .string("question \(i)")]]])
        }
        try writer.close()
        return (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    static func readBytes(_ bytes: [UInt8], _ dir: TemporaryDirectory, name: String = "bad.parquet") throws -> ReadResult {
        try readAll([try dir.write(name, bytes: bytes)])
    }

    static func firstChunkStart(_ path: String) throws -> Int {
        try ParquetFile(path: path).metadata.rowGroups[0].columns[0].metaData!.chunkStart
    }

    /// Replaces the page header at `offset` with `change(header)` re-encoded.
    static func patchHeader(_ bytes: [UInt8], at offset: Int, _ change: (inout PageHeader) -> Void) throws -> [UInt8] {
        let (header, length) = try bytes[offset...].withUnsafeBytes { try PageHeader.decode($0) }
        var patched = header
        change(&patched)
        return Array(bytes[..<offset]) + patched.encoded() + Array(bytes[(offset + length)...])
    }

    @Test("truncated files and a wrong magic number are refused whole, naming the file")
    func truncatedAndMagic() throws {
        let dir = try TemporaryDirectory()
        let (_, bytes) = try Self.validFile(dir)
        for cut in [0, 3, 11, 12, bytes.count / 2, bytes.count - 1] {
            let result = try Self.readBytes(Array(bytes.prefix(cut)), dir)
            #expect(result.records.isEmpty)
            #expect(result.malformed.count == 1, "cut at \(cut)")
            #expect(result.malformed.first?.file.hasSuffix("bad.parquet") == true)
        }
        var wrong = bytes
        wrong[0] = UInt8(ascii: "X")
        #expect(try Self.readBytes(wrong, dir).malformed.first?.error.contains("does not start with PAR1") == true)
    }

    @Test("a footer length past the start of the file")
    func footerLength() throws {
        let dir = try TemporaryDirectory()
        var (_, bytes) = try Self.validFile(dir)
        bytes.replaceSubrange((bytes.count - 8)..<(bytes.count - 4), with: [0xFF, 0xFF, 0xFF, 0x7F])
        let result = try Self.readBytes(bytes, dir)
        #expect(result.malformed.first?.error.contains("footer length 2147483647 points past the start") == true)
    }

    @Test("a page header promising 2 GB (uncompressed or compressed) is refused before anything is allocated")
    func hugePage() throws {
        let dir = try TemporaryDirectory()
        let (path, bytes) = try Self.validFile(dir)
        let file = try ParquetFile(path: path)
        // The last row group's first page: the row groups before it stay intact.
        let last = file.rowGroupCount - 1
        let start = file.metadata.rowGroups[last].columns[0].metaData!.chunkStart
        let big = try Self.patchHeader(bytes, at: start) { $0.uncompressedPageSize = Int32.max }
        let result = try Self.readBytes(big, dir)
        let item = try #require(result.malformed.first)
        #expect(item.rowGroup == last && item.line == result.records.count + 1)
        #expect(item.error.contains("column id, page 0: page header promises 2147483647 uncompressed bytes"))
        #expect(result.records.count + (item.rows ?? 0) == 60)
        let long = try Self.patchHeader(bytes, at: Self.firstChunkStart(path)) { $0.compressedPageSize = Int32.max }
        #expect(try Self.readBytes(long, dir).malformed.first?.error.contains("page header promises 2147483647 bytes, the column chunk has") == true)
    }

    @Test("a dictionary index out of range")
    func dictionaryIndex() throws {
        let dir = try TemporaryDirectory()
        let (path, bytes) = try Self.validFile(dir)
        let file = try ParquetFile(path: path)
        let label = try #require(file.schema.columns.firstIndex { $0.path == ["label"] })
        let start = file.metadata.rowGroups[0].columns[label].metaData!.chunkStart
        let patched = try Self.patchHeader(bytes, at: start) { $0.dictionaryPage?.numValues = 1 }
        let result = try Self.readBytes(patched, dir)
        #expect(result.malformed.first?.error.contains("column label, page 1: dictionary index: value 1 out of range") == true)
    }

    @Test("a bad checksum, and a corrupt compressed page without one")
    func corruptPages() throws {
        let dir = try TemporaryDirectory()
        let (path, bytes) = try Self.validFile(dir, compression: .snappy)
        let start = try Self.firstChunkStart(path)
        let (_, headerLength) = try bytes[start...].withUnsafeBytes { try PageHeader.decode($0) }
        var flipped = bytes
        flipped[start + headerLength + 2] ^= 0x55
        #expect(try Self.readBytes(flipped, dir).malformed.first?.error.contains("page 0: page checksum mismatch") == true)
        // Without a CRC, the damaged snappy stream itself is caught. The CRC field is hidden by
        // retyping it (i32 to i64: an unknown field, skipped), so no byte moves.
        var unchecked = bytes
        let crcField = try bytes[start...].withUnsafeBytes { raw -> Int in
            var reader = ThriftCompactReader(raw)
            try reader.beginStruct()
            var before = reader.position
            while let field = try reader.nextField() {
                if field.id == 4 { return before }
                try reader.skip(field.type)
                before = reader.position
            }
            return -1
        }
        #expect(crcField >= 0)
        unchecked[start + crcField] = unchecked[start + crcField] & 0xF0 | 6
        for k in 0..<6 { unchecked[start + headerLength + 1 + k] = 0xFF }
        let result = try Self.readBytes(unchecked, dir)
        let error = result.malformed.first?.error ?? ""
        #expect(error.contains("column id, page 0:") && error.contains("snappy"), "\(error)")
    }

    @Test("a row count the level streams do not reach")
    func rowCount() throws {
        let dir = try TemporaryDirectory()
        let (path, bytes) = try Self.validFile(dir)
        var metadata = try ParquetFile(path: path).metadata
        metadata.rowGroups[0].numRows += 7
        let footer = metadata.encoded()
        let oldLength = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt32.self)) }
        var patched = Array(bytes[..<(bytes.count - 8 - oldLength)]) + footer
        let n = UInt32(footer.count)
        patched += [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + Array("PAR1".utf8)
        let result = try Self.readBytes(patched, dir)
        let item = try #require(result.malformed.first)
        #expect(item.error.contains("column chunk ends after"))
        #expect(item.rowGroup == 0)
        #expect(result.records.count + (item.rows ?? 0) == metadata.numRows + 7)
    }

    @Test("random mutations of valid files never crash or hang, and counts add up")
    func fuzz() throws {
        let dir = try TemporaryDirectory()
        var rng = SplitMix64(seed: UInt64(Date().timeIntervalSince1970))
        let valid = [try Self.validFile(dir, compression: .uncompressed).1, try Self.validFile(dir, compression: .snappy).1,
                     try Self.validFile(dir, compression: .zstd).1]
        let deadline = Date().addingTimeInterval(15)
        var runs = 0
        while Date() < deadline, runs < 400 {
            var bytes = valid[runs % valid.count]
            switch rng.next() % 4 {
            case 0: bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
            case 1:
                for _ in 0..<(1 + rng.next() % 8) { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            case 2:
                let at = Int(rng.next() % UInt64(bytes.count))
                bytes.insert(contentsOf: (0..<(1 + rng.next() % 16)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
            default:
                // Damage the footer region, where the metadata lives.
                let at = max(4, bytes.count - 8 - Int(rng.next() % 300))
                bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            }
            let result = try Self.readBytes(bytes, dir, name: "fuzz.parquet")
            #expect(result.records.count + result.malformed.count == result.stream.itemsSeen)
            runs += 1
        }
        #expect(runs > 20)
    }
}
