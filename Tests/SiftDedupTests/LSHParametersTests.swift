import Foundation
import Testing
@testable import SiftDedup

@Suite("LSH banding")
struct LSHParametersTests {
    /// datasketch 2.0.0 `MinHashLSH(threshold, num_perm, weights).b, .r`, as printed by datasketch.
    static let datasketchChoices: [(threshold: Double, numPerm: Int, weights: (Double, Double), bands: Int, rows: Int)] = [
        (0.5, 128, (0.5, 0.5), 25, 5), (0.6, 128, (0.5, 0.5), 18, 7), (0.7, 128, (0.5, 0.5), 14, 9),
        (0.75, 128, (0.5, 0.5), 11, 11), (0.8, 128, (0.5, 0.5), 9, 13), (0.85, 128, (0.5, 0.5), 8, 16),
        (0.9, 128, (0.5, 0.5), 5, 25), (0.95, 128, (0.5, 0.5), 3, 42),
        (0.8, 64, (0.5, 0.5), 5, 11), (0.8, 256, (0.5, 0.5), 17, 15), (0.5, 64, (0.5, 0.5), 14, 4),
        (0.8, 128, (0.1, 0.9), 14, 9), (0.5, 128, (0.1, 0.9), 32, 4), (0.9, 128, (0.1, 0.9), 8, 16),
        (0.8, 64, (0.1, 0.9), 9, 7), (0.7, 256, (0.1, 0.9), 32, 8),
    ]

    @Test("the optimal banding is datasketch's choice for the same threshold, num_perm and weights")
    func matchesDatasketch() {
        for choice in Self.datasketchChoices {
            let banding = LSHParameters.optimal(threshold: choice.threshold, numPerm: choice.numPerm,
                                                falsePositiveWeight: choice.weights.0, falseNegativeWeight: choice.weights.1)
            #expect(banding == LSHParameters(bands: choice.bands, rows: choice.rows),
                    "threshold \(choice.threshold), num_perm \(choice.numPerm), weights \(choice.weights)")
        }
    }

    @Test("Sift's default at threshold 0.8 and 128 permutations is 14 bands of 9 rows")
    func defaults() {
        #expect(LSHParameters.optimal(threshold: 0.8, numPerm: 128) == LSHParameters(bands: 14, rows: 9))
    }

    @Test("candidate probability is 1 − (1 − s^r)^b and the error areas match closed forms")
    func formulas() {
        let banding = LSHParameters(bands: 14, rows: 9)
        #expect(abs(banding.candidateProbability(0.8) - (1 - pow(1 - pow(0.8, 9), 14))) < 1e-15)
        #expect(banding.candidateProbability(0) == 0)
        #expect(banding.candidateProbability(1) == 1)
        // One band of one row: P(s) = s, so FP = t²/2 and FN = (1 − t)²/2.
        let single = LSHParameters(bands: 1, rows: 1)
        #expect(abs(single.falsePositiveProbability(threshold: 0.6) - 0.18) < 1e-10)
        #expect(abs(single.falseNegativeProbability(threshold: 0.6) - 0.08) < 1e-10)
        // Two bands of one row: P(s) = 2s − s², FP = t² − t³/3.
        let two = LSHParameters(bands: 2, rows: 1)
        #expect(abs(two.falsePositiveProbability(threshold: 0.5) - (0.25 - 0.125 / 3)) < 1e-10)
    }
}
