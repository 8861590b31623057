/// Finds any of a fixed list of phrases in text, ignoring ASCII case, in one pass over the bytes:
/// a 256-entry table says which bytes can start a phrase, so most positions cost one lookup. A
/// phrase matches only at a word start, so "hi cannot" does not match "i cannot". Each phrase
/// written with ASCII apostrophes also matches with typographic ones (U+2019, which models often
/// emit), in any mix. Patterns live in one flat byte array so that scanning touches no reference-counted
/// storage per position (shared arrays' reference counts are contended when two threads scan).
public struct PhraseMatcher: Sendable {
    package let phrases: [String]
    /// All pattern bytes, lowercased, back to back.
    private let bytes: [UInt8]
    /// Per pattern: offset in `bytes`, length, index in `phrases`, and its first 8 bytes as a
    /// little-endian word with the mask of the bytes that count; grouped by first byte.
    private let patterns: [(offset: Int, length: Int, phrase: Int, prefix: UInt64, mask: UInt64)]
    /// Per first byte: the range of `patterns` starting with it (empty when none).
    private let starts: [Range<Int>]
    /// One bit per (first, second) byte pair that begins some pattern (lowercased): most word
    /// starts are rejected with one load, before any candidate is compared.
    private let pairBits: [UInt64]
    /// The distinct first bytes of the patterns, each repeated across sixteen lanes, for the
    /// sixteen-byte skip; empty when there are too many for the skip to pay (every tested position
    /// then goes through the pair test, as in the byte loop).
    private let firstBytes: [ByteBlock.Lanes]

    @inlinable package static var maximumSkipFirstBytes: Int { 8 }

    package init(_ phrases: [String]) {
        self.phrases = phrases
        var list: [(bytes: [UInt8], phrase: Int)] = []
        for (index, phrase) in phrases.enumerated() {
            guard !phrase.isEmpty else { continue }
            for variant in Self.apostropheVariants(phrase.lowercased()) { list.append((Array(variant.utf8), index)) }
        }
        list.sort { $0.bytes[0] != $1.bytes[0] ? $0.bytes[0] < $1.bytes[0] : $0.phrase < $1.phrase }
        var bytes: [UInt8] = []
        var patterns: [(offset: Int, length: Int, phrase: Int, prefix: UInt64, mask: UInt64)] = []
        var starts = Array(repeating: 0..<0, count: 256)
        for (i, pattern) in list.enumerated() {
            var prefix: UInt64 = 0
            var mask: UInt64 = 0
            for (k, byte) in pattern.bytes.prefix(8).enumerated() {
                prefix |= UInt64(byte) << (8 * UInt64(k))
                mask |= 0xFF << (8 * UInt64(k))
            }
            patterns.append((bytes.count, pattern.bytes.count, pattern.phrase, prefix, mask))
            bytes += pattern.bytes
            let first = Int(pattern.bytes[0])
            starts[first] = starts[first].isEmpty ? i..<(i + 1) : starts[first].lowerBound..<(i + 1)
        }
        var pairBits = Array(repeating: UInt64(0), count: 65_536 / 64)
        for pattern in list {
            // A one-byte pattern matches whatever byte follows: every pair it begins.
            let seconds = pattern.bytes.count >= 2 ? [Int(pattern.bytes[1])] : Array(0..<256)
            for second in seconds {
                let pair = Int(pattern.bytes[0]) << 8 | second
                pairBits[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        self.bytes = bytes
        self.patterns = patterns
        self.starts = starts
        self.pairBits = pairBits
        let firsts = Set(list.map { $0.bytes[0] })
        firstBytes = firsts.count <= Self.maximumSkipFirstBytes ? firsts.sorted().map { ByteBlock.Lanes(repeating: $0 | 0x20) } : []
    }

    /// The phrase with each ASCII apostrophe written either way (straight or U+2019), every
    /// combination, so that "I’m sorry, but I can't" (mixed, as pasted text often is) matches too.
    static func apostropheVariants(_ phrase: String) -> [String] {
        var variants = [""]
        for character in phrase {
            if character == "'" {
                variants = variants.flatMap { [$0 + "'", $0 + "\u{2019}"] }
            } else {
                for k in variants.indices { variants[k].append(character) }
            }
        }
        return variants
    }

    /// The index (in `phrases`) of the phrase the text starts with (the lowest index when several
    /// do), ignoring ASCII case; nil when none does. For openings such as "I'm sorry", which mark
    /// a refusal only as the first words of a response.
    package func prefixMatch(in text: String) -> Int? {
        text.withUTF8Bytes { haystack -> Int? in
            guard let first = haystack.first else { return nil }
            var best: Int?
            for p in starts[Int(Self.lower(first))] {
                let pattern = patterns[p]
                guard pattern.length <= haystack.count, pattern.phrase < (best ?? .max) else { continue }
                var j = 0
                while j < pattern.length, Self.lower(haystack[j]) == bytes[pattern.offset + j] { j += 1 }
                if j == pattern.length { best = pattern.phrase }
            }
            return best
        }
    }

    /// The index (in `phrases`) of the first phrase found, scanning from the start of the text.
    /// Only word starts can begin a match (and non-word bytes, where a phrase may start with one).
    /// Those whose byte begins some phrase are found sixteen at a time; the pair table then rejects
    /// most of them with one load.
    package func firstMatch(in text: String) -> Int? {
        return text.withUTF8Bytes { haystack -> Int? in
            bytes.withUnsafeBufferPointer { needles in
                patterns.withUnsafeBufferPointer { patterns in
                    starts.withUnsafeBufferPointer { starts in
                      pairBits.withUnsafeBufferPointer { pairBits in
                        let count = haystack.count
                        let skips = !firstBytes.isEmpty
                        var i = 0
                        while i < count {
                            if skips, i > 0, i + ByteBlock.width <= count {
                                let stops = candidates(haystack, at: i)
                                if stops == 0 {
                                    i += ByteBlock.width
                                    continue
                                }
                                i += stops.trailingZeroBitCount
                            }
                            // Inside a word (a word byte after a word byte) nothing is tested.
                            if i > 0, Self.isWordByte(haystack[i - 1]), Self.isWordByte(haystack[i]) {
                                i += 1
                                continue
                            }
                            let pair = i + 1 < count ? Int(Self.lower(haystack[i])) << 8 | Int(Self.lower(haystack[i + 1])) : -1
                            let candidates = pair < 0 || (pairBits[pair >> 6] >> UInt64(pair & 63)) & 1 == 1
                                ? starts[Int(Self.lower(haystack[i]))] : 0..<0
                            if !candidates.isEmpty {
                                // Eight bytes at once, lowercased, against each candidate's prefix.
                                let word = i + 8 <= count ? Self.lowercased(UnsafeRawBufferPointer(haystack).loadUnaligned(fromByteOffset: i, as: UInt64.self)) : nil
                                for p in candidates {
                                    let pattern = patterns[p]
                                    guard i + pattern.length <= count else { continue }
                                    if let word, word & pattern.mask != pattern.prefix { continue }
                                    var j = word == nil ? 1 : min(8, pattern.length)
                                    while j < pattern.length, Self.lower(haystack[i + j]) == needles[pattern.offset + j] { j += 1 }
                                    if j == pattern.length { return pattern.phrase }
                                }
                            }
                            i += 1
                        }
                        return nil
                      }
                    }
                }
            }
        }
    }

    /// The positions among the sixteen from `i` (which needs a byte before it) that the byte loop
    /// tests and whose byte may begin a pattern (a superset: letters in either case), one bit each.
    @inline(__always) private func candidates(_ haystack: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
        let block = ByteBlock(haystack, at: i)
        var first = ByteBlock.Lanes()
        let folded = block.lanes | 0x20
        for splat in firstBytes { first |= ByteBlock.isZero(folded ^ splat) }
        let starts = ByteBlock.bits(first)
        guard starts != 0 else { return 0 }
        // Positions inside a word (a word byte after a word byte) are not tested.
        let words = ByteBlock.bits(block.wordBytes)
        let afterWord = words << 1 | (Self.isWordByte(haystack[i - 1]) ? 1 : 0)
        return starts & ~(words & afterWord)
    }

    /// ASCII-lowercases the eight bytes of a little-endian word (SWAR): a byte b < 0x80 is in A-Z
    /// exactly when b + 0x3F reaches 0x80 and b + 0x25 does not; that bit, moved to 0x20, is or-ed in.
    @inlinable @inline(__always) package static func lowercased(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = word & (0x7F * ones)
        let upper = ((low7 &+ 0x3F * ones) ^ (low7 &+ 0x25 * ones)) & ~word & (0x80 * ones)
        return word | (upper >> 2)
    }

    @inlinable @inline(__always) package static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// Digits, ASCII letters and every byte of a multi-byte UTF-8 sequence, from two 64-bit masks
    /// (bytes 0-63 and 64-127) rather than four comparisons: this runs on every byte scanned.
    @inlinable @inline(__always) package static func isWordByte(_ byte: UInt8) -> Bool {
        let low: UInt64 = 0x03FF_0000_0000_0000  // '0'...'9'
        let high: UInt64 = 0x07FF_FFFE_07FF_FFFE  // 'A'...'Z', 'a'...'z'
        if byte >= 0x80 { return true }
        return ((byte < 64 ? low : high) >> UInt64(byte & 63)) & 1 == 1
    }
}
