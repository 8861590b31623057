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

    /// A random valid snappy block using every element kind (literals with 0-4 length bytes,
    /// copies with 1-, 2- and 4-byte offsets, overlapping copies), and the bytes it decodes to.
    static func snappyBlock(_ rng: inout some RandomNumberGenerator, elements: Int) -> (block: [UInt8], text: [UInt8]) {
        var text: [UInt8] = []
        var body: [UInt8] = []
        for _ in 0..<elements {
            if text.isEmpty || Int.random(in: 0..<3, using: &rng) == 0 {
                let length = [Int.random(in: 1...16, using: &rng), Int.random(in: 17...60, using: &rng),
                              Int.random(in: 61...300, using: &rng), Int.random(in: 1...70_000, using: &rng)][Int.random(in: 0..<4, using: &rng) == 3 ? Int.random(in: 0..<4, using: &rng) : Int.random(in: 0..<2, using: &rng)]
                let n = length - 1
                if n < 60 {
                    body.append(UInt8(n << 2))
                } else {
                    let bytes = n < 256 ? 1 : n < 65536 ? 2 : 3
                    body.append(UInt8((59 + bytes) << 2))
                    for k in 0..<bytes { body.append(UInt8(truncatingIfNeeded: n >> (8 * k))) }
                }
                let literal = (0..<length).map { _ in UInt8.random(in: 97...100, using: &rng) }
                body += literal
                text += literal
            } else {
                let kind = Int.random(in: 1...3, using: &rng)
                let maxOffset = kind == 1 ? min(text.count, 2047) : kind == 2 ? min(text.count, 65535) : text.count
                let offset = Bool.random(using: &rng) ? Int.random(in: 1...min(maxOffset, 20), using: &rng) : Int.random(in: 1...maxOffset, using: &rng)
                let length = kind == 1 ? Int.random(in: 4...11, using: &rng) : Int.random(in: 1...64, using: &rng)
                switch kind {
                case 1: body += [UInt8(1 | (length - 4) << 2 | (offset >> 8) << 5), UInt8(offset & 0xFF)]
                case 2: body += [UInt8(2 | (length - 1) << 2), UInt8(offset & 0xFF), UInt8(offset >> 8)]
                default: body += [UInt8(3 | (length - 1) << 2)] + (0..<4).map { UInt8(truncatingIfNeeded: offset >> (8 * $0)) }
                }
                for _ in 0..<length { text.append(text[text.count - offset]) }
            }
        }
        var block: [UInt8] = []
        var n = text.count
        while n >= 0x80 {
            block.append(UInt8(n & 0x7F) | 0x80)
            n >>= 7
        }
        block.append(UInt8(n))
        return (block + body, text)
    }

    @Test("snappy: blocks of every element kind decode as the format describes; mutated blocks decode or throw")
    func snappyElements() throws {
        var rng = SplitMix64Generator(seed: 2026)
        for round in 0..<120 {
            let (block, text) = Self.snappyBlock(&rng, elements: Int.random(in: 1...200, using: &rng))
            #expect(try block.withUnsafeBytes { try Snappy.decompress($0, limit: 1 << 26) } == text, "round \(round)")
            var mutated = block
            for _ in 0..<3 { mutated[Int.random(in: 0..<mutated.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            if let back = try? mutated.withUnsafeBytes({ try Snappy.decompress($0, limit: 1 << 26) }) {
                #expect(back.count == (try mutated.withUnsafeBytes { try Snappy.declaredLength($0) }))
            }
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

/// A seeded generator for reproducible codec tests (SplitMix64).
struct SplitMix64Generator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
