import Foundation

/// Finds any of a fixed list of phrases in text, ignoring ASCII case, in one pass over the bytes:
/// a 256-entry table says which bytes can start a phrase, so most positions cost one lookup. A
/// phrase matches only at a word start, so "hi cannot" does not match "i cannot". Each phrase
/// written with an ASCII apostrophe also matches the typographic one (U+2019), which models often
/// emit. Patterns live in one flat byte array so that scanning touches no reference-counted
/// storage per position (shared arrays' reference counts are contended when two threads scan).
struct PhraseMatcher: Sendable {
    let phrases: [String]
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
    /// The same pairs for the sixteen-byte skip, grouped by first byte: `pairFirsts[k]` with each
    /// of `pairSeconds[pairSecondRanges[k]]`. Empty when there are too many pairs for the skip to
    /// pay (it then tests every word start, as the byte loop does).
    private let pairFirsts: [UInt8]
    private let pairSecondRanges: [Range<Int>]
    private let pairSeconds: [UInt8]

    static let maximumSkipPairs = 16

    init(_ phrases: [String]) {
        self.phrases = phrases
        var list: [(bytes: [UInt8], phrase: Int)] = []
        for (index, phrase) in phrases.enumerated() {
            let lower = phrase.lowercased()
            list.append((Array(lower.utf8), index))
            if lower.contains("'") {
                list.append((Array(lower.replacingOccurrences(of: "'", with: "\u{2019}").utf8), index))
            }
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
        for pattern in list where pattern.bytes.count >= 2 {
            let pair = Int(pattern.bytes[0]) << 8 | Int(pattern.bytes[1])
            pairBits[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        self.bytes = bytes
        self.patterns = patterns
        self.starts = starts
        self.pairBits = pairBits
        var firsts: [UInt8] = []
        var ranges: [Range<Int>] = []
        var seconds: [UInt8] = []
        for first in UInt8.min...UInt8.max {
            let following = Set(list.filter { $0.bytes.count >= 2 && $0.bytes[0] == first }.map { $0.bytes[1] }).sorted()
            guard !following.isEmpty else { continue }
            firsts.append(first)
            ranges.append(seconds.count..<(seconds.count + following.count))
            seconds += following
        }
        let skips = seconds.count <= Self.maximumSkipPairs
        pairFirsts = skips ? firsts : []
        pairSecondRanges = skips ? ranges : []
        pairSeconds = skips ? seconds : []
    }

    /// The index (in `phrases`) of the first phrase found, scanning from the start of the text.
    /// Only word starts can begin a match (and non-word bytes, where a phrase may start with one):
    /// those positions whose first two bytes begin some phrase are tested, found sixteen at a time.
    func firstMatch(in text: String) -> Int? {
        var text = text
        return text.withUTF8 { haystack -> Int? in
            bytes.withUnsafeBufferPointer { needles in
                patterns.withUnsafeBufferPointer { patterns in
                    starts.withUnsafeBufferPointer { starts in
                      pairBits.withUnsafeBufferPointer { pairBits in
                        let count = haystack.count
                        let skips = !pairFirsts.isEmpty
                        var i = 0
                        while i < count {
                            if skips, i > 0, i + ByteBlock.width < count {
                                let stops = ByteBlock.bits(candidates(haystack, at: i))
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

    /// The positions among the sixteen from `i` (which needs a byte before and 16 after) that the
    /// byte loop tests and whose two bytes may begin a phrase (a superset: letters in either case).
    @inline(__always) private func candidates(_ haystack: UnsafeBufferPointer<UInt8>, at i: Int) -> ByteBlock.Lanes {
        let block = ByteBlock(haystack, at: i)
        let next = ByteBlock(haystack, at: i + 1)
        let tested = ~(ByteBlock(haystack, at: i - 1).wordBytes & block.wordBytes) & 0x80
        var pairs = ByteBlock.Lanes()
        for k in pairFirsts.indices {
            var seconds = ByteBlock.Lanes()
            for second in pairSeconds[pairSecondRanges[k]] { seconds |= next.mayEqualIgnoringCase(second) }
            pairs |= block.mayEqualIgnoringCase(pairFirsts[k]) & seconds
        }
        return tested & pairs
    }

    /// ASCII-lowercases the eight bytes of a little-endian word (SWAR): a byte b < 0x80 is in A-Z
    /// exactly when b + 0x3F reaches 0x80 and b + 0x25 does not; that bit, moved to 0x20, is or-ed in.
    @inline(__always) static func lowercased(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = word & (0x7F * ones)
        let upper = ((low7 &+ 0x3F * ones) ^ (low7 &+ 0x25 * ones)) & ~word & (0x80 * ones)
        return word | (upper >> 2)
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// Digits, ASCII letters and every byte of a multi-byte UTF-8 sequence, from two 64-bit masks
    /// (bytes 0-63 and 64-127) rather than four comparisons: this runs on every byte scanned.
    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        let low: UInt64 = 0x03FF_0000_0000_0000  // '0'...'9'
        let high: UInt64 = 0x07FF_FFFE_07FF_FFFE  // 'A'...'Z', 'a'...'z'
        if byte >= 0x80 { return true }
        return ((byte < 64 ? low : high) >> UInt64(byte & 63)) & 1 == 1
    }
}
