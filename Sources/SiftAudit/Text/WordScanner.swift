/// Whitespace-separated words of a text as hashes, without allocating a string per word: what the
/// diversity checks count. Words are split at ASCII whitespace; ASCII letters are lowercased before
/// hashing (FNV-1a, 64 bits), so "The" and "the" are one word type.
enum WordScanner {
    /// Calls `body` with each word's hash and byte range; `body` returns false to stop early.
    static func forEachWord(in text: String, _ body: (UInt64, Range<Int>, UnsafeBufferPointer<UInt8>) -> Bool) {
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            let count = bytes.count
            while i < count {
                while i < count, isSpace(bytes[i]) { i += 1 }
                guard i < count else { return }
                let start = i
                var hash: UInt64 = 0xCBF2_9CE4_8422_2325
                while i < count, !isSpace(bytes[i]) {
                    hash = (hash ^ UInt64(PhraseMatcher.lower(bytes[i]))) &* 0x0000_0100_0000_01B3
                    i += 1
                }
                if !body(hash, start..<i, bytes) { return }
            }
        }
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// The word at `range`, lowercased, with leading and trailing ASCII punctuation removed.
    static func word(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isPunctuation(bytes[lower]) { lower += 1 }
        while upper > lower, isPunctuation(bytes[upper - 1]) { upper -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]).map(PhraseMatcher.lower), as: UTF8.self)
    }

    @inline(__always) static func isPunctuation(_ byte: UInt8) -> Bool {
        byte < 0x80 && !PhraseMatcher.isWordByte(byte) && !isSpace(byte)
    }

    /// FNV-1a of a lowercased word with its edge punctuation removed: the key of openings and terms.
    static func trimmedHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isPunctuation(bytes[lower]) { lower += 1 }
        while upper > lower, isPunctuation(bytes[upper - 1]) { upper -= 1 }
        guard lower < upper else { return nil }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in lower..<upper { hash = (hash ^ UInt64(PhraseMatcher.lower(bytes[i]))) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
