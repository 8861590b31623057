import SiftCore
import SiftText
import SiftTestSupport
import Testing

@Suite("TextBlock counts against plain byte loops")
struct TextBlockTests {
    /// `scan` and `plain` of the 32 bytes at `offset` (the byte before it read as the previous
    /// character), against the same rules applied one byte at a time.
    static func check(_ bytes: [UInt8], at offset: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            let p = buffer.baseAddress! + offset
            let scan = TextBlock.scan(p)
            let plain = TextBlock.plain(p)
            var stops = false, bits: UInt8 = 0, starts = 0
            for k in offset..<(offset + 32) {
                let byte = bytes[k]
                stops = stops || byte == 0x22 || byte == 0x5C || byte < 0x20
                bits |= byte
                if PlainText.isSpace(bytes[k - 1]) && !PlainText.isSpace(byte) { starts += 1 }
            }
            #expect((scan.stops != 0) == stops)
            #expect((plain.stops != 0) == stops)
            #expect(scan.bits & 0x80 == bits & 0x80 && plain.bits & 0x80 == bits & 0x80)
            #expect(Int(scan.wordStarts) == starts)
        }
    }

    @Test("every byte value in every position, and random blocks")
    func blocksAgainstReference() {
        for value in 0...255 {
            for position in 0..<33 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 34)
                bytes[position] = UInt8(value)
                Self.check(bytes, at: 1)
            }
        }
        var random = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let alphabet: [UInt8] = [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x08, 0x1F, 0x61, 0x22, 0x5C, 0x80, 0xE3, 0x7F]
            let bytes = (0..<40).map { _ in Bool.random(using: &random) ? UInt8(ascii: "x") : alphabet.randomElement(using: &random)! }
            Self.check(bytes, at: Int.random(in: 1...8, using: &random))
        }
    }

    @Test("TextMeasure equals scalars and str.split() words on random text of every length")
    func measureAgainstDefinition() {
        var random = SplitMix64(seed: 12)
        for length in [0, 1, 2, 31, 32, 33, 63, 64, 65, 100, 257] {
            for asciiOnly in [true, false] {
                for _ in 0..<40 {
                    let text = RandomText.make(&random, pieces: ["  ", "word ", "\u{3000}", "\u{A0}"], length: length, asciiOnly: asciiOnly)
                    let words = text.unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace }).count
                    #expect(TextMeasure(text) == TextMeasure(characters: text.unicodeScalars.count, words: words), "\(text.debugDescription)")
                }
            }
        }
    }
}
