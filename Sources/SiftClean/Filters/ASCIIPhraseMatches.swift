/// Where the phrases of a `PhraseSet` occur, ignoring case, in an ASCII document: found for the
/// whole document in one pass, because C4 asks each line for them and most lines hold none.
///
/// Sixteen positions are tested per step against the phrases' first three characters, with
/// letters folded to lower case by setting bit 5 (which lets a few other characters through too);
/// the rare positions that pass are compared exactly, as `str.lower()` would.
struct ASCIIPhraseMatches {
    private var matches: [(start: Int, end: Int, phrase: Int)] = []
    /// The first match not before the last line asked about.
    private var next = 0

    /// The matches in `text[0..<count]` (ASCII bytes).
    init(_ text: UnsafePointer<UInt8>, count: Int, _ phrases: PhraseSet) {
        let raw = UnsafeRawPointer(text)
        let fold = SIMD16<UInt8>(repeating: 0x20)
        let zero = SIMD16<UInt8>(repeating: 0)
        let prefixes = phrases.asciiPrefixes
        var i = 0
        while i + 18 <= count {
            let first = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self) | fold
            let second = raw.loadUnaligned(fromByteOffset: i + 1, as: SIMD16<UInt8>.self) | fold
            let third = raw.loadUnaligned(fromByteOffset: i + 2, as: SIMD16<UInt8>.self) | fold
            var hit = SIMDMask<SIMD16<Int8>>(repeating: false)
            // A lane is zero where all three characters match: one comparison per prefix.
            for prefix in prefixes {
                let difference: SIMD16<UInt8> = (first ^ prefix.0) | (second ^ prefix.1) | (third ^ prefix.2)
                hit .|= difference .== zero
            }
            // The mask's lanes are bytes of all ones or zeros: read as two words, a set byte is a
            // position to compare (`any(_:)` would be an out-of-line call per block; see
            // `ByteBlock`'s note on what SIMD code compiles to).
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
    private mutating func compareLanes(_ lanes: UInt64, _ text: UnsafePointer<UInt8>, _ count: Int, at i: Int, _ phrases: PhraseSet) {
        var lanes = lanes
        while lanes != 0 {
            let lane = lanes.trailingZeroBitCount >> 3
            compare(text, count, at: i + lane, phrases)
            lanes &= ~(0xFF << UInt64(lane * 8))
        }
    }

    /// Records every phrase that starts at `i`.
    private mutating func compare(_ text: UnsafePointer<UInt8>, _ count: Int, at i: Int, _ phrases: PhraseSet) {
        for (k, phrase) in phrases.phrases.enumerated() where i + phrase.count <= count {
            var j = 0
            while j < phrase.count, PhraseSet.lower(UInt32(text[i + j])) == phrase[j] { j += 1 }
            if j == phrase.count { matches.append((i, i + phrase.count, k)) }
        }
    }

    /// Bit k set when phrase k occurs inside `[start, end)`. Lines must be asked about in
    /// ascending order.
    mutating func phrases(within start: Int, _ end: Int) -> UInt64 {
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
