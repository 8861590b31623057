import Testing
@testable import SiftLearn

@Suite struct TextFeaturesTests {
    @Test func normalisesToLowercaseWordsSeparatedBySingleSpaces() {
        #expect(String(decoding: TextFeatures().normalized("  Hello, WORLD!! 42\tÉté "), as: UTF8.self) == "hello world 42 été")
    }

    @Test func countsWordAndCharacterNGramsAndHasUnitLength() {
        // "ab cd": words ab, cd, "ab cd" (3); padded " ab cd " has 7 characters: 5 trigrams,
        // 4 four-grams, 3 five-grams (12), all distinct.
        let vector = TextFeatures().vector("AB cd")
        #expect(vector.buckets.count <= 15 && vector.buckets.count >= 14)
        #expect(vector.buckets == vector.buckets.sorted())
        #expect(vector.buckets.allSatisfy { $0 < UInt32(TextFeatures.bucketCount) })
        let norm = vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-12)
        #expect(TextFeatures().vector("ab, CD") == vector)
    }

    @Test func repeatedFeaturesGetLogCountWeights() {
        // "aaa aaa": the word "aaa" twice (weight 1 + ln 2), the bigram "aaa aaa" once (weight 1).
        let vector = TextFeatures().vector("aaa aaa")
        let weights = vector.values.map { $0 / vector.values.min()! }
        #expect(weights.contains { abs($0 - (1 + log(2.0))) < 1e-12 })
    }

    @Test func textWithoutWordsHasNoFeatures() {
        #expect(TextFeatures().vector(" ... !! ").buckets.isEmpty)
    }
}

import Foundation
