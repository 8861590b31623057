import SiftText

/// Word n-gram keys of one document: n-grams joined by spaces (top n-grams) are keyed by their
/// sequence of word keys; n-grams joined without separator (duplicate n-grams) by the hash of
/// their characters in the words' concatenation, so that, as in datatrove, `["ab", "c"]` and
/// `["a", "bc"]` are the same n-gram.
struct WordNGrams {
    let words: [TokenSpan]
    /// Each word's key: the hash of its characters (`SpanHash`).
    private let wordKeys: [UInt64]
    /// Characters in words 0..<k, for every k: where word k starts in the concatenation.
    private let concatenatedLength: [Int]
    /// The words' characters joined without separator, `width` bytes per character (the text's
    /// own encoding in `CharacterBytes`), with eight bytes to spare.
    private let concatenation: [UInt8]
    private let width: Int

    init(_ text: AnalyzedText) {
        let words = text.words
        self.words = words
        let n = words.count
        let lengths = [Int](unsafeUninitializedCapacity: n + 1) { lengths, initialized in
            lengths[0] = 0
            for (k, word) in words.enumerated() { lengths[k + 1] = lengths[k] + word.count }
            initialized = n + 1
        }
        let total = lengths[n]
        (wordKeys, concatenation, width) = text.withCharacterBytes { characters in
            let keys = [UInt64](unsafeUninitializedCapacity: n) { keys, initialized in
                for (k, word) in words.enumerated() { keys[k] = characters.hash(Int(word.start), Int(word.end)) }
                initialized = n
            }
            let width = characters.width
            let joined = [UInt8](unsafeUninitializedCapacity: total * width + 8) { out, initialized in
                let to = UnsafeMutableRawPointer(out.baseAddress!)
                let from = characters.base
                var o = 0
                if width == 1 {
                    // Eight bytes at a time, a word's last copy running into the next word's place
                    // (or the spare bytes): the ASCII text is padded for the loads past its end.
                    for word in words {
                        var i = Int(word.start)
                        let end = o + word.count
                        while o < end {
                            to.storeBytes(of: from.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: o, as: UInt64.self)
                            i &+= 8
                            o &+= 8
                        }
                        o = end
                    }
                } else {
                    for word in words {
                        to.advanced(by: o).copyMemory(from: from + Int(word.start) * width, byteCount: word.count * width)
                        o += word.count * width
                    }
                }
                (to + total * width).initializeMemory(as: UInt8.self, repeating: 0, count: 8)
                initialized = total * width + 8
            }
            return (keys, joined, width)
        }
        concatenatedLength = lengths
    }

    /// Calls `body` with the concatenation's characters as bytes.
    private func withConcatenation<R>(_ body: (CharacterBytes) -> R) -> R {
        // The spare bytes make the buffer non-empty, so its base address exists.
        concatenation.withUnsafeBytes { body(CharacterBytes(base: $0.baseAddress!, width: width)) }
    }

    /// For each position, an upper bound of how often its word 2-gram occurs (`TopNGramBound`);
    /// valid until `counter`'s next pass.
    func bigramCountBounds(_ counter: HashCounter) -> UnsafeBufferPointer<Int32> {
        // The two word keys mixed by a multiplication: for a given first key, different second keys
        // give different mixes.
        wordKeys.withUnsafeBufferPointer { keys in
            counter.occurrenceBounds(windows: max(words.count - 1, 0)) { i in
                keys[i] &* 0x9E37_79B9_7F4A_7C15 ^ keys[i + 1]
            }
        }
    }

    /// Characters of the 2-gram at `i`, joined by a space.
    func bigramLength(_ i: Int) -> Int { concatenatedLength[i + 2] - concatenatedLength[i] + 1 }

    /// `find_top_duplicate(get_n_grams(words, n))`: characters of the most frequent n-gram (joined
    /// by single spaces) times its count; among equally frequent ones, the first seen. A window's
    /// key folds its n word keys in order: only the longer top n-grams need it, and rarely.
    func topNGramCharacters(_ n: Int, _ counter: HashCounter) -> Int {
        let windows = words.count - n + 1
        let (first, count) = wordKeys.withUnsafeBufferPointer { keys in
            counter.mostFrequent(windows: windows) { i in
                var key = UInt64(truncatingIfNeeded: n)
                for k in i..<(i + n) { key = SpanHash.combine(key, keys[k]) }
                return key
            }
        }
        let characters = concatenatedLength[first + n] - concatenatedLength[first] + n - 1
        return characters * count
    }

    /// `find_all_duplicate(words, n)`, visiting only `candidates` (ascending word positions; see
    /// `duplicateCandidates`): any other window occurs once in the document, so it can never be a
    /// repeat, and remembering it can never make a later window one.
    func duplicateNGramCharacters(_ n: Int, _ counter: HashCounter, candidates: [Int32]) -> Int {
        let windows = words.count - n + 1
        guard windows > 0 else { return 0 }
        return withConcatenation { joined in
            concatenatedLength.withUnsafeBufferPointer { lengths in
                candidates.withUnsafeBufferPointer { candidates in
                    counter.repeatedCharacters(positions: candidates, windows: windows, n: n) { i in
                        (joined.hash(lengths[i], lengths[i + n]), lengths[i + n] - lengths[i])
                    }
                }
            }
        }
    }

    /// An upper bound of `duplicateNGramCharacters(n, _, candidates:)`: the characters covered by
    /// the candidates' n-grams. The repeats `find_all_duplicate` counts are candidates' n-grams
    /// that do not overlap (it skips n words after each), so their characters are at most that.
    /// Most documents have few candidates, and clear each threshold without hashing an n-gram.
    func candidateCoverage(_ n: Int, candidates: [Int32]) -> Int {
        let windows = words.count - n + 1
        var covered = 0
        var end = 0
        for position in candidates {
            let i = Int(position)
            if i >= windows { break }
            let from = max(concatenatedLength[i], end)
            end = concatenatedLength[i + n]
            covered += end - from
        }
        return covered
    }

    /// The word positions whose n-grams, for any n >= `shortest`, may occur more than once.
    ///
    /// Two equal n-grams (joined without separator) of length L start with the same `span`
    /// characters of the words' concatenation whenever L >= `span`. So a position is a candidate
    /// when its `shortest`-gram is shorter than `span` characters (then so may be its longer
    /// n-grams), or when the `span` characters starting at it also start at another word. Other
    /// positions start n-grams that are unique in the document, for every n >= `shortest`.
    ///
    /// Each position's `span` characters are hashed, and the hash's top bits pick a slot in two
    /// bitmaps (seen once, seen more than once) of 64 slots per position: two spans sharing a slot
    /// only add a candidate, which the exact count then visits for nothing.
    func duplicateCandidates(shortest: Int) -> [Int32] {
        let count = words.count
        let total = concatenatedLength[count]
        let span = candidateSpan(shortest)
        // Positions whose next `span` characters lie inside the concatenation have a slot: a
        // prefix of the positions, all but the last few.
        var keyed = count
        while keyed > 0, concatenatedLength[keyed - 1] + span > total { keyed -= 1 }
        var bits = 6
        while 1 << bits < keyed * 64, bits < 32 { bits += 1 }
        // The two bitmaps interleaved, one allocation: word 2k holds "seen once" for slots
        // 64k..<64k+64, word 2k + 1 "seen more than once".
        var seen = [UInt64](repeating: 0, count: (1 << bits) >> 5)
        return concatenatedLength.withUnsafeBufferPointer { lengths in
            let slots = withConcatenation { joined in
                [UInt32](unsafeUninitializedCapacity: keyed) { slots, initialized in
                    let shift = UInt64(64 - bits)
                    if joined.width == 1, span <= 16 {
                        // Spans of one length, at most sixteen bytes: two masked loads and two
                        // multiplications give a slot.
                        let spans = SpanHash.ShortSpan(count: span)
                        for p in 0..<keyed {
                            slots[p] = UInt32(truncatingIfNeeded: spans.mix(joined.base + lengths[p]) >> shift)
                        }
                    } else {
                        for p in 0..<keyed {
                            slots[p] = UInt32(truncatingIfNeeded: joined.hash(lengths[p], lengths[p] + span) >> shift)
                        }
                    }
                    initialized = keyed
                }
            }
            for s in slots {
                let mask: UInt64 = 1 << UInt64(s & 63)
                let word = Int(s >> 6) << 1
                seen[word | 1] |= seen[word] & mask
                seen[word] |= mask
            }
            var candidates: [Int32] = []
            candidates.reserveCapacity(count / 8)
            for i in 0..<max(count - shortest + 1, 0) {
                if lengths[i + shortest] - lengths[i] < span || i >= keyed || seen[Int(slots[i] >> 6) << 1 | 1] >> UInt64(slots[i] & 63) & 1 != 0 {
                    candidates.append(Int32(truncatingIfNeeded: i))
                }
            }
            return candidates
        }
    }

    /// The span for `duplicateCandidates`: the longest that at most 1/32 of the `shortest`-grams
    /// are shorter than (capped at 64), so that short n-grams and chance repeats are both rare.
    private func candidateSpan(_ shortest: Int) -> Int {
        let windows = words.count - shortest + 1
        guard windows > 0 else { return 1 }
        // On the stack: a small fixed-size table per document.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 64) { histogram in
            histogram.initialize(repeating: 0)
            for i in 0..<windows { histogram[min(concatenatedLength[i + shortest] - concatenatedLength[i], 63)] += 1 }
            var span = 1
            var shorter = histogram[0]
            while span < 63, (shorter + histogram[span]) * 32 <= windows {
                shorter += histogram[span]
                span += 1
            }
            return span
        }
    }
}
