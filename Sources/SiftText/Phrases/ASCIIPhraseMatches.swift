/// Lower-case ASCII phrases of at least three bytes, prepared for `ASCIIPhraseMatches`: the
/// phrases' distinct first three bytes, each repeated across sixteen lanes.
public struct ASCIIPhraseList: Sendable {
    package let phrases: [[UInt8]]
    @usableFromInline let prefixes: [(ByteBlock.Lanes, ByteBlock.Lanes, ByteBlock.Lanes)]

    package init(_ phrases: [[UInt8]]) {
        precondition(phrases.allSatisfy { $0.count >= 3 && $0.allSatisfy { $0 < 0x80 && PhraseMatcher.lower($0) == $0 } })
        self.phrases = phrases
        var prefixes: [(ByteBlock.Lanes, ByteBlock.Lanes, ByteBlock.Lanes)] = []
        var seen: [[UInt8]] = []
        for phrase in phrases where !seen.contains(Array(phrase.prefix(3))) {
            seen.append(Array(phrase.prefix(3)))
            prefixes.append((ByteBlock.Lanes(repeating: phrase[0]), ByteBlock.Lanes(repeating: phrase[1]), ByteBlock.Lanes(repeating: phrase[2])))
        }
        self.prefixes = prefixes
    }
}

/// Where the phrases of an `ASCIIPhraseList` occur, ignoring case, anywhere in an ASCII document
/// (a substring test, as Python's `phrase in line.lower()`; `PhraseMatcher` is the word-start
/// search): found for the whole document in one pass, because C4 asks each line for them and most
/// lines hold none.
///
/// Sixteen positions are tested per step against the phrases' first three characters, with
/// letters folded to lower case by setting bit 5 (which lets a few other characters through too);
/// the rare positions that pass are compared exactly, as `str.lower()` would.
public struct ASCIIPhraseMatches {
    @usableFromInline var matches: [(start: Int, end: Int, phrase: Int)] = []
    /// The first match not before the last line asked about.
    @usableFromInline var next = 0

    /// The matches in `text[0..<count]` (ASCII bytes).
    package init(_ text: UnsafePointer<UInt8>, count: Int, _ phrases: ASCIIPhraseList) {
        let raw = UnsafeRawPointer(text)
        let fold = ByteBlock.Lanes(repeating: 0x20)
        let zero = ByteBlock.Lanes(repeating: 0)
        let prefixes = phrases.prefixes
        var i = 0
        while i + 18 <= count {
            let first = raw.loadUnaligned(fromByteOffset: i, as: ByteBlock.Lanes.self) | fold
            let second = raw.loadUnaligned(fromByteOffset: i + 1, as: ByteBlock.Lanes.self) | fold
            let third = raw.loadUnaligned(fromByteOffset: i + 2, as: ByteBlock.Lanes.self) | fold
            var hit = SIMDMask<SIMD16<Int8>>(repeating: false)
            // A lane is zero where all three characters match: one comparison (`pcmpeqb`) per prefix.
            for prefix in prefixes {
                let difference: ByteBlock.Lanes = (first ^ prefix.0) | (second ^ prefix.1) | (third ^ prefix.2)
                hit .|= difference .== zero
            }
            // The mask's lanes are bytes of all ones or zeros: read as two words, a set byte is a
            // position to compare (`any(_:)` would be an out-of-line call per block; see
            // `ByteBlock`'s measured note on what SIMD code compiles to).
            let lanes = unsafeBitCast(hit, to: (UInt64, UInt64).self)
            if lanes.0 | lanes.1 != 0 {
                compareLanes(lanes.0, text, count, at: i, phrases)
                compareLanes(lanes.1, text, count, at: i + 8, phrases)
            }
            i += 16
        }
        while i < count {
            compare(text, count, at: i, phrases)
            i += 1
        }
    }

    /// `compare` at `i + k` for each byte k of `lanes` that is set.
    private mutating func compareLanes(_ lanes: UInt64, _ text: UnsafePointer<UInt8>, _ count: Int, at i: Int, _ phrases: ASCIIPhraseList) {
        var lanes = lanes
        while lanes != 0 {
            let lane = lanes.trailingZeroBitCount >> 3
            compare(text, count, at: i + lane, phrases)
            lanes &= ~(0xFF << UInt64(lane * 8))
        }
    }

    /// Records every phrase that starts at `i`.
    private mutating func compare(_ text: UnsafePointer<UInt8>, _ count: Int, at i: Int, _ phrases: ASCIIPhraseList) {
        for (k, phrase) in phrases.phrases.enumerated() where i + phrase.count <= count {
            var j = 0
            while j < phrase.count, PhraseMatcher.lower(text[i + j]) == phrase[j] { j += 1 }
            if j == phrase.count { matches.append((i, i + phrase.count, k)) }
        }
    }

    /// Bit k set when phrase k occurs inside `[start, end)`. Lines must be asked about in
    /// ascending order.
    @inlinable package mutating func phrases(within start: Int, _ end: Int) -> UInt64 {
        while next < matches.count, matches[next].start < start { next += 1 }
        var found: UInt64 = 0
        var k = next
        while k < matches.count, matches[k].start < end {
            if matches[k].end <= end { found |= 1 << UInt64(matches[k].phrase) }
            k += 1
        }
        return found
    }
}
