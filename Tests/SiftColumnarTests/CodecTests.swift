import Testing
@testable import SiftColumnar

@Suite("Codecs")
struct CodecTests {
    static func samples() -> [[UInt8]] {
        var rng = SystemRandomNumberGenerator()
        let text = Array(String(repeating: "the quick brown fox jumps over the lazy dog. ", count: 600).utf8)
        let random = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let runs = (0..<40_000).map { UInt8(($0 / 1000) % 7) }
        let mixed = (0..<20_000).map { i in i % 97 < 60 ? UInt8(i % 5) : UInt8.random(in: 0...255, using: &rng) }
        return [[], [42], Array("abcd".utf8), text, random, runs, mixed]
    }

    @Test("snappy: the Swift encoder's output decodes to the input")
    func snappyRoundTrip() throws {
        for sample in Self.samples() {
            let compressed = sample.withUnsafeBytes { Snappy.compress($0) }
            let back = try compressed.withUnsafeBytes { try Snappy.decompress($0, limit: 1 << 24) }
            #expect(back == sample)
            if sample.count > 10_000, sample.first == UInt8(ascii: "t") { #expect(compressed.count < sample.count / 4) }
        }
    }

    @Test("snappy: corrupt and forged blocks throw")
    func snappyHostile() throws {
        let text = Array(String(repeating: "abcdefgh", count: 1000).utf8)
        let good = text.withUnsafeBytes { Snappy.compress($0) }
        // A length preamble claiming 1 GB from a few bytes.
        let forged: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x04, 0x00, 0x41]
        #expect(throws: ColumnarError.self) { try forged.withUnsafeBytes { try Snappy.decompress($0, limit: 1 << 31) } }
        // A copy reaching before the start of the output.
        let badCopy: [UInt8] = [0x05, 0x0A, 0xFF, 0x00]
        #expect(throws: ColumnarError.self) { try badCopy.withUnsafeBytes { try Snappy.decompress($0, limit: 100) } }
        // Truncated.
        #expect(throws: ColumnarError.self) { try Array(good.prefix(good.count / 2)).withUnsafeBytes { try Snappy.decompress($0, limit: 1 << 20) } }
    }

    @Test("zstd and gzip round trips through the run-time-loaded libraries; a bomb stops at the limit")
    func zstdGzip() throws {
        let compressor = try Zstd.Compressor(level: 1)
        for sample in Self.samples() {
            var z: [UInt8] = []
            try sample.withUnsafeBytes { try compressor.compress($0, into: &z) }
            #expect(try z.withUnsafeBytes { try Zstd.decompress($0, expected: sample.count, limit: 1 << 24) } == sample)
            guard !sample.isEmpty else { continue }
            var g: [UInt8] = []
            try sample.withUnsafeBytes { try Gzip.compress($0, into: &g) }
            #expect(try g.withUnsafeBytes { try Gzip.decompress($0, expected: sample.count, limit: 1 << 24) } == sample)
        }
        let zeros = [UInt8](repeating: 0, count: 2 << 20)
        var bomb: [UInt8] = []
        try zeros.withUnsafeBytes { try compressor.compress($0, into: &bomb) }
        #expect(bomb.count < 4096)
        // The page claims 100 bytes; the data expands to 2 MB: refused at the 256 KB limit.
        #expect(throws: ColumnarError.self) { try bomb.withUnsafeBytes { try Zstd.decompress($0, expected: 100, limit: 256 << 10) } }
        #expect(throws: ColumnarError.self) { try Array(bomb.prefix(bomb.count - 3)).withUnsafeBytes { try Zstd.decompress($0, expected: 2 << 20, limit: 4 << 20) } }
    }

    @Test("CRC-32 matches the published check value of \"123456789\"")
    func crc() {
        // CRC-32/ISO-HDLC check value (Greg Cook's catalogue of parametrised CRC algorithms).
        #expect(Array("123456789".utf8).withUnsafeBytes { CRC32.checksum($0) } == 0xCBF4_3926)
    }
}
