import Foundation
import SiftTestSupport
import SiftCore
import Testing
@testable import SiftDedup

@Suite("MinHash accuracy and near-duplicate quality")
struct MinHashAccuracyTests {
    /// Random pairs of 150–300-element sets with Jaccard spread over [0, 1], built from a seed.
    /// At 128 permutations an estimate's standard error is sqrt(J(1 − J)/128), up to 0.044 at
    /// J = 0.5, so a single estimate can miss by more than 0.05; what must hold is that estimates
    /// are unbiased, within ±0.05 on average, and never beyond five standard errors.
    @Test("estimates at 128 permutations are within ±0.05 of exact Jaccard (mean absolute error), unbiased, and within 5σ")
    func estimatesTrackExactJaccard() {
        var rng = SplitMix64(seed: 2024)
        let family = MinHashFamily(numPerm: 128, seed: 1)
        var errors: [Double] = []
        for _ in 0..<300 {
            let shared = Int(rng.next() % 300)
            let onlyA = Int(rng.next() % 150)
            let onlyB = Int(rng.next() % 150)
            guard shared + onlyA > 0, shared + onlyB > 0 else { continue }
            let common = (0..<shared).map { _ in rng.next() }
            let a = common + (0..<onlyA).map { _ in rng.next() }
            let b = common + (0..<onlyB).map { _ in rng.next() }
            let exact = Double(shared) / Double(shared + onlyA + onlyB)
            let estimate = MinHashFamily.similarity(family.signature(of: a), family.signature(of: b))
            let sigma = max((exact * (1 - exact) / 128).squareRoot(), 0.01)
            #expect(abs(estimate - exact) <= 5 * sigma, "exact \(exact), estimate \(estimate)")
            errors.append(estimate - exact)
        }
        let meanAbsolute = errors.map(abs).reduce(0, +) / Double(errors.count)
        let bias = errors.reduce(0, +) / Double(errors.count)
        #expect(meanAbsolute <= 0.05)
        #expect(abs(bias) <= 0.01)
        #expect(Double(errors.filter { abs($0) <= 0.05 }.count) / Double(errors.count) >= 0.75)
    }

    @Test("planted near-duplicates: precision and recall against exact Jaccard at 0.8 are both ≥ 0.95")
    func plantedCorpus() throws {
        let corpus = PlantedCorpus(documents: 1200, seed: 11)
        #expect(corpus.isDuplicate.filter { $0 }.count > 150)
        let directory = try TemporaryDirectory()
        let input = try directory.write("corpus.jsonl", corpus.jsonLines)
        for verify in [false, true] {
            var options = DedupOptions()
            options.method = .minhash
            options.verify = verify
            let removedPath = directory.path("removed-\(verify).jsonl")
            _ = try Deduplicator(paths: [input], readOptions: testReadOptions, options: options).run(out: nil, removed: removedPath)
            let removed = Set(try readLines(removedPath).map { line in
                Int(line["id"]!.stringValue!.dropFirst())!
            })
            let (precision, recall) = corpus.score(removed: removed)
            print("planted corpus, verify \(verify): precision \(precision), recall \(recall), \(removed.count) removed")
            #expect(precision >= 0.95, "verify \(verify): precision \(precision)")
            #expect(recall >= 0.95, "verify \(verify): recall \(recall)")
        }
    }
}
