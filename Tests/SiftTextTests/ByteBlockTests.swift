import SiftCore
import SiftText
import SiftTestSupport
import Testing

@Suite("ByteBlock lane tests against plain byte tests")
struct ByteBlockTests {
    /// Each lane test's answer as one bit per lane, from the fast path and from a plain test.
    static func check(_ bytes: [UInt8], at offset: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            let block = ByteBlock(buffer, at: offset)
            let lanes = Array(bytes[offset..<(offset + 16)])
            func plain(_ test: (UInt8) -> Bool) -> UInt32 {
                var bits: UInt32 = 0
                for (k, byte) in lanes.enumerated() where test(byte) { bits |= 1 << UInt32(k) }
                return bits
            }
            #expect(ByteBlock.bits(block.nonASCII) == plain { $0 >= 0x80 })
            #expect(ByteBlock.bits(block.letters) == plain { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) })
            #expect(ByteBlock.bits(block.digits) == plain { $0 >= 0x30 && $0 <= 0x39 })
            #expect(ByteBlock.bits(block.spaces) == plain(PlainText.isSpace))
            #expect(ByteBlock.bits(block.wordBytes) == plain(PlainText.isWordByte))
            #expect(ByteBlock.bits(block.wordBytes) == plain(PhraseMatcher.isWordByte))
            #expect(ByteBlock.bits(block.scalarStarts) == plain { $0 & 0xC0 != 0x80 })
            for probe: UInt8 in [0x00, 0x0A, 0x20, 0x41, 0x61, 0x7A, 0x5B, 0x7B, 0x80, 0xE2, 0xFF] {
                #expect(ByteBlock.bits(block.equals(probe)) == plain { $0 == probe })
                // A superset: both cases of a letter, and the exact byte.
                let loose = ByteBlock.bits(block.mayEqualIgnoringCase(probe))
                #expect(loose == plain { $0 | 0x20 == probe | 0x20 })
                #expect(loose & plain { PlainText.lower($0) == PlainText.lower(probe) } == plain { PlainText.lower($0) == PlainText.lower(probe) })
            }
            for (lower, upper): (UInt8, UInt8) in [(0x41, 0x5A), (0x00, 0x7F), (0x80, 0xFF), (0x09, 0x0D), (0x30, 0x30)] {
                #expect(ByteBlock.bits(block.inRange(lower, upper)) == plain { $0 >= lower && $0 <= upper })
            }
            #expect(ByteBlock.any(block.equals(0x0A)) == lanes.contains(0x0A))
        }
    }

    @Test("every lane test equals its plain test on every byte value and on random blocks")
    func lanesAgainstReference() {
        // Every byte value in every lane position.
        let all = (0..<256).map { UInt8($0) }
        let cycled = all + all.prefix(32)
        for offset in stride(from: 0, through: 256, by: 1) where offset + 16 <= cycled.count { Self.check(cycled, at: offset) }
        var random = SplitMix64(seed: 5)
        for _ in 0..<500 {
            let bytes = (0..<20).map { _ in UInt8.random(in: 0...255, using: &random) }
            Self.check(bytes, at: Int.random(in: 0...4, using: &random))
        }
    }

    @Test("firstIndex equals a plain search from every start, across block edges")
    func firstIndexAgainstReference() {
        var random = SplitMix64(seed: 7)
        for length in PlainText.lengths {
            for _ in 0..<30 {
                let bytes = Array(RandomText.make(&random, pieces: ["\r\n", "```"], length: length).utf8)
                for start in 0...bytes.count {
                    let fast = bytes.withUnsafeBufferPointer { ByteBlock.firstIndex(of: 0x0A, in: $0, from: start) }
                    #expect(fast == bytes[start...].firstIndex(of: 0x0A))
                }
            }
        }
    }

    @Test("withUTF8Bytes gives a string's UTF-8, native or bridged-like (a substring's copy)")
    func utf8Bytes() {
        for text in ["", "abc", "é€😀", String(repeating: "x", count: 100)] {
            #expect(text.withUTF8Bytes { Array($0) } == Array(text.utf8))
            let sub = Substring(text)
            #expect(String(sub).withUTF8Bytes { Array($0) } == Array(text.utf8))
        }
    }
}
