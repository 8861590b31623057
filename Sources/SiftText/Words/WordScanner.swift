/// Whitespace-separated words of a text as byte ranges, without allocating a string per word: what
/// the diversity checks count. Words are split at ASCII whitespace; `hash` lowercases ASCII
/// letters before hashing (FNV-1a, 64 bits), so "The" and "the" are one word type.
public enum WordScanner {
    /// Calls `body` with each word's byte range; `body` returns false to stop early.
    @inlinable @inline(__always) package static func forEachWord(in text: String, _ body: (Range<Int>, UnsafeBufferPointer<UInt8>) -> Bool) {
        text.withUTF8Bytes { bytes in forEachWord(in: bytes) { body($0, bytes) } }
    }

    /// Word boundaries are read from one whitespace bit mask per sixteen bytes, so a word costs a
    /// few bit operations rather than a test and a branch per byte.
    @inlinable @inline(__always) package static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
        let count = bytes.count
        var wordStart = -1
        var base = 0
        while base < count {
            let n = min(ByteBlock.width, count - base)
            var spaces: UInt32 = 0
            if n == ByteBlock.width {
                spaces = ByteBlock.bits(ByteBlock(bytes, at: base).spaces)
            } else {
                for k in 0..<n where isSpace(bytes[base + k]) { spaces |= 1 << UInt32(k) }
            }
            let inBlock: UInt32 = (1 << UInt32(n)) - 1
            var from: UInt32 = inBlock
            while true {
                if wordStart < 0 {
                    let starts = ~spaces & from
                    if starts == 0 { break }
                    let offset = starts.trailingZeroBitCount
                    wordStart = base + offset
                    from = inBlock & ~((1 << UInt32(offset)) - 1)
                } else {
                    let ends = spaces & from
                    if ends == 0 { break }
                    let offset = ends.trailingZeroBitCount
                    if !body(wordStart..<(base + offset)) { return }
                    wordStart = -1
                    from = inBlock & ~((1 << UInt32(offset)) - 1)
                }
            }
            base += n
        }
        if wordStart >= 0 { _ = body(wordStart..<count) }
    }

    @inlinable @inline(__always) package static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// FNV-1a of the word at `range` with ASCII letters lowercased.
    @inlinable @inline(__always) package static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in range { hash = (hash ^ UInt64(PhraseMatcher.lower(bytes[i]))) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// A 64-bit hash of the word at `range` with ASCII letters lowercased, eight bytes per step:
    /// each step is a bijection of the running value, so two words of the same length up to eight
    /// bytes never collide, and longer ones as rarely as any 64-bit hash. For word types that are
    /// only counted (distinct-n), where FNV-1a's multiply per byte would cost more than the rest.
    @inlinable @inline(__always) package static func typeHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash = UInt64(range.count) &* 0x9E37_79B9_7F4A_7C15
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            hash = (hash ^ PhraseMatcher.lowercased(chunk(bytes, from: i, to: end))) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            i += 8
        }
        return hash
    }

    /// A key for a word of at most eight bytes: its bytes, ASCII-lowercased, packed little-endian
    /// and mixed by an odd multiply (a bijection), so distinct words never share a key (words without
    /// NUL bytes: the packing pads with zeros, so "a\0" keys as "a") and no byte
    /// loop is needed. For looking words up in small fixed lists (function words).
    @inlinable @inline(__always) package static func shortWordKey(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        precondition(range.count <= 8)
        return PhraseMatcher.lowercased(chunk(bytes, from: range.lowerBound, to: range.upperBound)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// The (at most) eight bytes from `start` that lie before `end`, little-endian, zero past
    /// `end`: one unaligned load wherever eight bytes remain in the buffer.
    @inlinable @inline(__always) package static func chunk(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        let count = min(8, end - start)
        guard start + 8 <= bytes.count else {
            var word: UInt64 = 0
            for k in start..<(start + count) { word |= UInt64(bytes[k]) << UInt64(8 * (k - start)) }
            return word
        }
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: start, as: UInt64.self))
        return count < 8 ? word & ((1 << UInt64(8 * count)) - 1) : word
    }

    /// `shortWordKey` of a lowercase word of at most eight bytes.
    package static func shortWordKey(_ word: String) -> UInt64 {
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { shortWordKey($0, 0..<$0.count) }
    }

    /// `typeHash` of the word at `range` when it is made of ASCII letters only, else nil; eight
    /// bytes at a time, testing letters with the same word arithmetic as the hash (SWAR) rather
    /// than a branch per byte.
    @inlinable @inline(__always) package static func letterWordHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        var hash = UInt64(range.count) &* 0x9E37_79B9_7F4A_7C15
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let filler: UInt64 = end - i < 8 ? ~((1 << UInt64(8 * (end - i))) - 1) & (0x61 &* ones) : 0
            let lowered = PhraseMatcher.lowercased(chunk(bytes, from: i, to: end))
            // Every byte (the bytes past the word read as 'a') must be in 'a'...'z': below 0x80,
            // at least 0x61 (adding 0x1F reaches 0x80) and below 0x7B (adding 0x05 does not).
            let tested = lowered | filler
            let low7 = tested & (0x7F &* ones)
            let letters = (low7 &+ 0x1F &* ones) & ~(low7 &+ 0x05 &* ones) & ~tested & (0x80 &* ones)
            guard letters == 0x80 &* ones else { return nil }
            hash = (hash ^ lowered) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            i += 8
        }
        return hash
    }

    /// `typeHash` of a whole word.
    package static func typeHash(_ word: String) -> UInt64 {
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { typeHash($0, 0..<$0.count) }
    }

    /// The word at `range`, lowercased, with leading and trailing ASCII punctuation removed.
    package static func word(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isPunctuation(bytes[lower]) { lower += 1 }
        while upper > lower, isPunctuation(bytes[upper - 1]) { upper -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]).map(PhraseMatcher.lower), as: UTF8.self)
    }

    @inlinable @inline(__always) package static func isPunctuation(_ byte: UInt8) -> Bool {
        byte < 0x80 && !PhraseMatcher.isWordByte(byte) && !isSpace(byte)
    }

    /// The word at `range` without its leading and trailing ASCII punctuation, nil when nothing is left.
    @inlinable @inline(__always) package static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isPunctuation(bytes[lower]) { lower += 1 }
        while upper > lower, isPunctuation(bytes[upper - 1]) { upper -= 1 }
        return lower < upper ? lower..<upper : nil
    }

    /// FNV-1a of a lowercased word with its edge punctuation removed: the key of openings and terms.
    @inlinable package static func trimmedHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        trimmed(bytes, range).map { hash(bytes, $0) }
    }
}
