import Foundation
import SiftCore

/// One record's features: hashed bucket ids (sorted, distinct) and their weights.
public struct FeatureVector: Sendable, Equatable {
    public var buckets: [UInt32]
    public var values: [Double]

    public init(buckets: [UInt32], values: [Double]) {
        self.buckets = buckets
        self.values = values
    }
}

/// Feature hashing (Weinberger et al., "Feature Hashing for Large Scale Multitask Learning", ICML
/// 2009) of word 1-2-grams and character 3-5-grams into 2^20 buckets, the usual strong baseline
/// for text classification.
///
/// - Normalisation: lower-cased; every run of letters and digits is a word, everything else a
///   separator; the words joined by single spaces form the text the character n-grams slide over,
///   padded with a space at each end (so prefixes and suffixes are n-grams of their own).
/// - Hashing: XXH64 of the n-gram's UTF-8 bytes, seed 1 for word n-grams and 2 for character
///   n-grams (so the word "cat" and the character trigram "cat" are different features), modulo
///   2^20. Collisions are accepted, as in scikit-learn's `HashingVectorizer`.
/// - Weighting: log-count, `1 + ln(count)` (sublinear tf), then the vector is scaled to unit L2
///   norm. Log-count rather than TF-IDF because it needs no corpus statistics: a record's
///   features are the same whichever subset it is drawn into, which the nested subsets of a
///   learning curve and the exported features of the parity script rely on.
public struct TextFeatures: Sendable {
    public static let bucketBits = 20
    public static let bucketCount = 1 << bucketBits
    static let wordSeed: UInt64 = 1
    static let characterSeed: UInt64 = 2

    public init() {}

    /// The normalised text: lower-cased words separated by single spaces.
    public func normalized(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var inWord = false
        for scalar in text.lowercased().unicodeScalars {
            let isWordCharacter = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordCharacter {
                if !inWord, !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: String(scalar).utf8)
                inWord = true
            } else {
                inWord = false
            }
        }
        return out
    }

    /// The hashed, weighted, unit-length feature vector of a text (empty for a text with no words).
    public func vector(_ text: String) -> FeatureVector {
        let words = normalized(text)
        guard !words.isEmpty else { return FeatureVector(buckets: [], values: []) }
        // One buffer: " " + words + " ". Every n-gram is a contiguous slice of it.
        let padded: [UInt8] = [0x20] + words + [0x20]
        var hashes: [UInt32] = []
        hashes.reserveCapacity(padded.count * 4)
        let mask = UInt64(Self.bucketCount - 1)
        padded.withUnsafeBytes { raw in
            func bucket(_ start: Int, _ end: Int, _ seed: UInt64) -> UInt32 {
                UInt32(truncatingIfNeeded: XXH64.hash(UnsafeRawBufferPointer(rebasing: raw[start..<end]), seed: seed) & mask)
            }
            // Word 1-grams and 2-grams.
            var tokens: [(Int, Int)] = []
            var start = 1
            for i in 1..<(padded.count) where padded[i] == 0x20 {
                if i > start { tokens.append((start, i)) }
                start = i + 1
            }
            for (t, token) in tokens.enumerated() {
                hashes.append(bucket(token.0, token.1, Self.wordSeed))
                if t + 1 < tokens.count { hashes.append(bucket(token.0, tokens[t + 1].1, Self.wordSeed)) }
            }
            // Character 3-5-grams over Unicode scalars (UTF-8 lead bytes mark their starts).
            var starts: [Int] = []
            starts.reserveCapacity(padded.count + 1)
            for (i, byte) in padded.enumerated() where byte & 0xC0 != 0x80 { starts.append(i) }
            starts.append(padded.count)
            let scalars = starts.count - 1
            for n in 3...5 where scalars >= n {
                for s in 0...(scalars - n) { hashes.append(bucket(starts[s], starts[s + n], Self.characterSeed)) }
            }
        }
        hashes.sort()
        var buckets: [UInt32] = []
        var values: [Double] = []
        var i = 0
        var squares = 0.0
        while i < hashes.count {
            var j = i + 1
            while j < hashes.count, hashes[j] == hashes[i] { j += 1 }
            let weight = 1 + log(Double(j - i))
            buckets.append(hashes[i])
            values.append(weight)
            squares += weight * weight
            i = j
        }
        let norm = squares.squareRoot()
        for k in values.indices { values[k] /= norm }
        return FeatureVector(buckets: buckets, values: values)
    }
}
