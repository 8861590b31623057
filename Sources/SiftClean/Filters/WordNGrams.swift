/// Word n-gram keys of one document: n-grams joined by spaces (top n-grams) hash the sequence of
/// word keys; n-grams joined without separator (duplicate n-grams) hash the concatenated
/// characters, so that, as in datatrove, `["ab", "c"]` and `["a", "bc"]` are the same n-gram. Both
/// are prefix hashes, so every window's key costs one modular multiplication (2-grams mix their
/// two word keys instead, the commonest count made cheaper).
struct WordNGrams {
    let words: [TokenSpan]
    /// Each word's key: its characters' hash with its length folded in (64 bits, not reduced).
    private let wordKeys: [UInt64]
    /// Hash of the concatenation of words 0..<k, and its length in characters.
    private let concatenated: [UInt64]
    private let concatenatedLength: [Int]
    private let hashes: SubstringHashes

    private static let sequenceBase: UInt64 = 0x0A5C_3E1F_7B29_D467 % SubstringHashes.modulus

    init(words: [TokenSpan], hashes: SubstringHashes) {
        self.words = words
        self.hashes = hashes
        let n = words.count
        // Every element is written below, so the arrays start uninitialised rather than zeroed.
        var concatenated = [UInt64](unsafeUninitializedCapacity: n + 1) { _, initialized in initialized = n + 1 }
        var lengths = [Int](unsafeUninitializedCapacity: n + 1) { _, initialized in initialized = n + 1 }
        wordKeys = [UInt64](unsafeUninitializedCapacity: n) { wordKeys, initialized in
            concatenated.withUnsafeMutableBufferPointer { concatenated in
                lengths.withUnsafeMutableBufferPointer { lengths in
                    concatenated[0] = 0
                    lengths[0] = 0
                    // The recurrence runs on partly reduced values (`multiplyAdd`), which shortens
                    // its dependent chain; the stored values are reduced.
                    var concatenatedHash: UInt64 = 0
                    for (k, word) in words.enumerated() {
                        let h = hashes.hash(Int(word.start), Int(word.end))
                        wordKeys[k] = SubstringHashes.key(h, length: word.count)
                        concatenatedHash = SubstringHashes.multiplyAdd(concatenatedHash, hashes.powers[word.count], h)
                        concatenated[k + 1] = SubstringHashes.reduce(concatenatedHash)
                        lengths[k + 1] = lengths[k] + word.count
                    }
                }
            }
            initialized = n
        }
        self.concatenated = concatenated
        self.concatenatedLength = lengths
    }

    /// Hash of the sequence of word keys 0..<k, for every k: n-grams joined by spaces are
    /// differences of two of these. Only the longer top n-grams need it, and rarely.
    private func sequence() -> [UInt64] {
        var sequence = [UInt64](repeating: 0, count: words.count + 1)
        for (k, key) in wordKeys.enumerated() {
            sequence[k + 1] = SubstringHashes.add(SubstringHashes.multiply(sequence[k], Self.sequenceBase), key % SubstringHashes.modulus)
        }
        return sequence
    }

    @inline(__always)
    private static func difference(_ a: UInt64, _ b: UInt64) -> UInt64 {
        a >= b ? a - b : a &+ SubstringHashes.modulus &- b
    }

    /// How often each word 2-gram occurs, per position (for `topBigramCharacters` and
    /// `TopNGramBound`).
    func bigramCounts(_ counter: HashCounter) -> [Int32] {
        // The two word keys mixed by a multiplication (no modular reduction): each holds a 61-bit
        // hash, so two different 2-grams collide with probability about 2^-61, as their sequence
        // hashes would.
        wordKeys.withUnsafeBufferPointer { keys in
            counter.occurrences(windows: max(words.count - 1, 0)) { i in
                keys[i] &* 0x9E37_79B9_7F4A_7C15 ^ keys[i + 1]
            }
        }
    }

    /// Characters of the 2-gram at `i`, joined by a space.
    func bigramLength(_ i: Int) -> Int { concatenatedLength[i + 2] - concatenatedLength[i] + 1 }

    /// `topNGramCharacters(2, _)` from the 2-gram counts: the first position with the highest count
    /// is the first seen of the most frequent 2-grams.
    func topBigramCharacters(_ counts: [Int32]) -> Int {
        var best: Int32 = 0
        var first = 0
        for (i, count) in counts.enumerated() where count > best {
            best = count
            first = i
        }
        return bigramLength(first) * Int(best)
    }

    /// `find_top_duplicate(get_n_grams(words, n))`: characters of the most frequent n-gram (joined
    /// by single spaces) times its count; among equally frequent ones, the first seen.
    func topNGramCharacters(_ n: Int, _ counter: HashCounter) -> Int {
        let windows = words.count - n + 1
        var power: UInt64 = 1
        for _ in 0..<n { power = SubstringHashes.multiply(power, Self.sequenceBase) }
        let (first, count) = sequence().withUnsafeBufferPointer { sequence in
            counter.mostFrequent(windows: windows) { i in
                Self.difference(sequence[i + n], SubstringHashes.multiply(sequence[i], power)) &+ UInt64(n) << 61
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
        return concatenated.withUnsafeBufferPointer { concatenated in
            concatenatedLength.withUnsafeBufferPointer { lengths in
                hashes.powers.withUnsafeBufferPointer { powers in
                    candidates.withUnsafeBufferPointer { candidates in
                        counter.repeatedCharacters(positions: candidates, windows: windows, n: n) { i in
                            let length = lengths[i + n] - lengths[i]
                            let h = Self.difference(concatenated[i + n], SubstringHashes.multiply(concatenated[i], powers[length]))
                            return (SubstringHashes.key(h, length: length), length)
                        }
                    }
                }
            }
        }
    }

    /// The word positions whose n-grams, for any n >= `shortest`, may occur more than once.
    ///
    /// Two equal n-grams (joined without separator) of length L start with the same `span`
    /// characters of the words' concatenation whenever L >= `span`. So a position is a candidate
    /// when its `shortest`-gram is shorter than `span` characters (then so may be its longer
    /// n-grams), or when the `span` characters starting at it also start at another word. Other
    /// positions start n-grams that are unique in the document, for every n >= `shortest`.
    ///
    /// The `span` characters are compared by a fingerprint (`CandidateFingerprints`), not by the
    /// exact substring hashes: equal characters always get equal fingerprints, and a collision
    /// only adds a candidate, which the exact count then visits for nothing.
    func duplicateCandidates(shortest: Int) -> [Int32] {
        let count = words.count
        let total = concatenatedLength[count]
        let span = candidateSpan(shortest)
        // Positions whose next `span` characters lie inside the concatenation have a key.
        var keyed = 0
        while keyed < count, concatenatedLength[keyed] + span <= total { keyed += 1 }
        let weights = CandidateFingerprints.weights(upTo: hashes.text.count + 1)
        let prefix = hashes.text.withUnsafeBufferPointer { CandidateFingerprints.prefixSums(words, total, $0, weights) }
        // Whether a key is seen once, or more than once, is kept by its slot's bits in two bitmaps
        // of 64 slots per key: a collision only adds a candidate.
        var bits = 6
        while 1 << bits < keyed * 64 { bits += 1 }
        var once = [UInt64](repeating: 0, count: (1 << bits) >> 6)
        var twice = once
        return prefix.withUnsafeBufferPointer { prefix in
            concatenatedLength.withUnsafeBufferPointer { lengths in
                weights.withUnsafeBufferPointer { weights in
                    func slot(_ p: Int) -> Int {
                        let start = lengths[p]
                        // The span's characters weighted from `base^total` on, wherever it starts.
                        let key = (prefix[start + span] &- prefix[start]) &* weights[total - start]
                        return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
                    }
                    for p in 0..<keyed {
                        let s = slot(p)
                        let mask: UInt64 = 1 << UInt64(s & 63)
                        twice[s >> 6] |= once[s >> 6] & mask
                        once[s >> 6] |= mask
                    }
                    var candidates: [Int32] = []
                    candidates.reserveCapacity(count / 8)
                    for i in 0..<max(count - shortest + 1, 0) {
                        if lengths[i + shortest] - lengths[i] < span || i >= keyed || twice[slot(i) >> 6] >> UInt64(slot(i) & 63) & 1 != 0 {
                            candidates.append(Int32(truncatingIfNeeded: i))
                        }
                    }
                    return candidates
                }
            }
        }
    }

    /// The span for `duplicateCandidates`: the longest that at most 1/32 of the `shortest`-grams
    /// are shorter than (capped at 64), so that short n-grams and chance repeats are both rare.
    private func candidateSpan(_ shortest: Int) -> Int {
        let windows = words.count - shortest + 1
        guard windows > 0 else { return 1 }
        var histogram = [Int](repeating: 0, count: 64)
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
